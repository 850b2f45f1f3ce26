using BedCoord.Server.Api;
using BedCoord.Server.Audit;
using BedCoord.Server.Auth;
using BedCoord.Server.Board;
using BedCoord.Server.Exchange;
using BedCoord.Server.Hosting;
using BedCoord.Server.History;
using BedCoord.Server.Reports;
using BedCoord.Server.Outlook;
using Npgsql;

// Settings, pages and reference data are read next to the binaries, whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
using var startupLog = LoggerFactory.Create(b => b.AddConsole());
var connectionString = await StorageSetup.PrepareAsync(builder, startupLog.CreateLogger("BedCoord.Storage"));

builder.UseBedCoordSilo(connectionString);
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
builder.Services.AddSingleton<WriteGuard>();
builder.Services.AddSingleton<BoardRelay>();
builder.Services.AddHostedService<RelayRegistration>();
builder.Services.AddSignalR();
builder.Services.AddSingleton(TimeProvider.System);
var seedDemo = builder.Configuration.GetValue("Demo:Seed", false);
builder.Services.AddSingleton(new StartupGate(seedDemo));
if (seedDemo)
{
    builder.Services.AddSingleton<DemoSeedLog>().AddSingleton<DemoEstablishmentSeed>().AddSingleton<DemoAdmissionsSeed>();
    builder.Services.AddHostedService<DemoSeeder>();
}
if (seedDemo && builder.Configuration.GetValue("Demo:History", true)) builder.Services.AddHostedService<DemoHistoryBackfill>();
if (builder.Configuration.GetValue("Demo:Simulate", false)) builder.Services.AddHostedService<ActivitySimulator>();

builder.AddBedCoordHistory();
builder.AddBedCoordReports();
builder.Services.AddSingleton<OutlookService>();
builder.AddBedCoordExchange();
builder.AddBedCoordAuth();
builder.AddBedCoordRateLimits();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<GridUnavailableHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseReferenceData();
app.UseAuthentication();
// After authentication, so the bucket is the caller's, not the address shared by a whole hospital.
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealthEndpoints();
if (app.Services.GetRequiredService<AuthSettings>().DevTokens) app.MapDevTokenEndpoints();
app.MapGroup("/api").RequireAuthorization()
    .MapReadEndpoints()
    .MapUnitBedsEndpoints()
    .MapEmergencyEndpoints()
    .MapImportEndpoints()
    .MapContactEndpoints()
    .MapSearchEndpoints()
    .MapThresholdEndpoints()
    .MapDeclarationEndpoints()
    .MapAlertEndpoints()
    .MapBjmlEndpoints()
    .MapAuditEndpoints()
    .MapHistoryEndpoints()
    .MapWeeklyReportEndpoints()
    .MapOutlookEndpoints();
app.MapBedCoordExchange();
app.MapHub<BoardHub>(BoardHub.Path);
app.MapBoardPages();
app.MapReportPages();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("BedCoord listening on {Urls}", string.Join(", ", app.Urls)));
app.Run();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
