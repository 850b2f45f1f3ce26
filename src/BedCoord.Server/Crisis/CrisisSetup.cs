using BedCoord.Grains.Abstractions;
using BedCoord.Persistence.Crisis;

namespace BedCoord.Server.Crisis;

/// <summary>The crisis cell (issue 10): main courante, graduated measures, requests, the cell page.</summary>
public static class CrisisSetup
{
    public static void AddBedCoordCrisis(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<LogbookStore>().AddSingleton<MeasureStore>().AddSingleton<RequestStore>();
        s.AddSingleton<CrisisNotifier>().AddSingleton<CrisisFigures>().AddSingleton<CrisisJournal>().AddSingleton<MeasureService>().AddSingleton<ExpiredDeclarations>();
        s.AddSingleton<CellOverviews>();
        s.AddSingleton<CrisisEvents>();
        s.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<CrisisEvents>());
        s.AddHostedService<OverdueWatcher>();
        if (builder.Configuration.GetValue("Demo:Seed", false) && builder.Configuration.GetValue("Demo:Crisis", true))
            s.AddHostedService<DemoCrisisSeed>();
    }

    public static RouteGroupBuilder MapCrisisEndpoints(this RouteGroupBuilder api) =>
        api.MapLogbookEndpoints().MapMeasureEndpoints().MapRequestEndpoints().MapCellEndpoints();

    /// <summary>The cell page: /cellule/{kind}/{id}, a plain-JS shell like the board.</summary>
    public static void MapCellPages(this IEndpointRouteBuilder app) => app.MapFallbackToFile("/cellule/{kind}/{id}", "cellule.html");
}
