using System.Diagnostics.Metrics;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.History;

namespace BedCoord.Server.Observability;

/// <summary>
/// Gauges read from the grid: stale units and available beds per region, history projector lag. Region
/// summaries are read every <see cref="Period"/> in the background (a gauge callback cannot wait on a grain)
/// and the gauges report the latest reading.
/// </summary>
public sealed class GridGauges : BackgroundService
{
    public const string MeterName = "BedCoord.Grid.Gauges";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private readonly Meter _meter = new(MeterName);
    private readonly IGrainFactory _grains;
    private readonly TerritoryCatalogHolder _territory;
    private readonly ILogger<GridGauges> _log;
    private volatile IReadOnlyList<(string Region, int StaleUnits, int Units, int Available)> _regions = [];

    public GridGauges(IGrainFactory grains, TerritoryCatalogHolder territory, IServiceProvider services, TimeProvider clock, ILogger<GridGauges> log)
    {
        _grains = grains;
        _territory = territory;
        _log = log;
        _meter.CreateObservableGauge("bedcoord_stale_units", () => _regions.Select(r => Measure(r.StaleUnits, r.Region)),
            "{unit}", "Units whose figures are older than their staleAfter, per region");
        _meter.CreateObservableGauge("bedcoord_units", () => _regions.Select(r => Measure(r.Units, r.Region)),
            "{unit}", "Units in the territory, per region");
        _meter.CreateObservableGauge("bedcoord_available_beds", () => _regions.Select(r => Measure(r.Available, r.Region)),
            "{bed}", "Available beds, per region");
        // Optional: History:Enabled=false leaves no projector, hence no lag to report.
        var projector = services.GetService<HistoryProjectorService>();
        if (projector is not null)
            _meter.CreateObservableGauge("bedcoord_history_projector_lag",
                () => projector.ProcessedTo is { } to ? [new Measurement<double>((clock.GetUtcNow() - to).TotalSeconds)] : Array.Empty<Measurement<double>>(),
                "s", "How far the history projector's open minute is behind now");
    }

    private static Measurement<int> Measure(int value, string region) => new(value, new KeyValuePair<string, object?>("region", region));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var regions = _territory.Current.Document.Regions;
                var summaries = await Task.WhenAll(regions.Select(r => _grains.Scope(new ScopeRef(ScopeKind.Region, r.Id)).GetSummary(false)));
                _regions = summaries.Select(s => (s.Id, s.Freshness.StaleUnits, s.Freshness.Units, s.Beds.Available)).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogDebug(e, "Grid gauges not read this time");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
