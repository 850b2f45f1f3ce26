using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.Board;
using BedCoord.Server.Crisis;
using BedCoord.Server.Exchange;
using BedCoord.Server.Hosting;
using BedCoord.Server.Observability;
using BedCoord.Server.History;
using BedCoord.Server.Maturity;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Reports;
using BedCoord.Server.Outlook;
using BedCoord.Server.Web;

// Settings, pages and reference data are read next to the binaries, whatever directory it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddBedCoordServer();

var app = builder.Build();
app.UseBedCoordSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBedCoordMetrics();
app.UseBedCoordCompression();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseReferenceData();
app.UseAuthentication();
// After authentication, so the bucket is the caller's, not the address shared by a whole hospital.
app.UseRateLimiter();
app.UseAuthorization();
app.MapBedCoordTelemetry();

app.MapBedCoordOpenApi();
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
    .MapOutlookEndpoints()
    .MapBedBlockerEndpoints()
    .MapMaturityEndpoints()
    .MapCrisisEndpoints()
    .MapNationEndpoints();
app.MapBedCoordExchange();
app.MapHub<BoardHub>(BoardHub.Path);
app.MapBoardPages();
app.MapReportPages();
app.MapMaturityPages();
app.MapCellPages();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("BedCoord listening on {Urls}", string.Join(", ", app.Urls)));
app.Run();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
