using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Report;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tests.Territory;
using Xunit;

namespace BedCoord.Domain.Tests.Report;

public class EstablishmentReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_report_sums_an_establishment_as_the_grid_model_does()
    {
        var catalog = new TerritoryCatalog(TestTerritory.Document);
        var chu = TestTerritory.ChuToulouse;
        HistoryEvent[] inputs =
        [
            new UnitBedsEvent("1", T0, chu, "med-polyvalente", new BedFigures(30, 2, 1, 25, 1, 3), "a"),
            new UnitBedsEvent("2", T0.AddMinutes(1), chu, "rea", new BedFigures(10, 0, 0, 10, 1, 0), "a"), // over-full: -1 available
            new EmergencyEvent("3", T0.AddMinutes(2), chu, new EmergencyFigures(7, 3)),
            new LevelEvent("4", T0.AddMinutes(3), new ScopeRef(ScopeKind.Establishment, chu), 2, 2, null, "seuil"),
            new UnitBedsEvent("5", T0.AddMinutes(4), TestTerritory.ChAuch, "med", new BedFigures(5, 0, 0, 0, 0, 0), "a"), // another département
        ];
        var model = new GridModel(catalog, _ => TimeSpan.FromDays(1));
        var replay = new EstablishmentReplay(catalog, [chu, TestTerritory.CliniqueToulouse]);

        string? last = null;
        foreach (var e in inputs)
        {
            model.Apply(e);
            last = replay.Apply(e) ?? last;
        }
        var summary = model.SummaryOf(new ScopeRef(ScopeKind.Establishment, chu))!;
        var sample = replay.SampleOf(chu, T0)!;

        Assert.Equal(chu, last);
        Assert.Null(replay.Apply(inputs[^1]));
        Assert.Equal(summary.Groups.OrderBy(g => g.Key), sample.Groups.OrderBy(g => g.Key));
        Assert.Equal(SummaryMath.AvailablePostEd(summary), sample.AvailablePostEd);
        Assert.Equal((summary.EdWaitingForBed, summary.BedBlockers, summary.ComputedLevel), (sample.EdWaitingForBed, sample.BedBlockers, sample.ComputedLevel));
        Assert.Equal((3, 2), (sample.AvailablePostEd, sample.ComputedLevel)); // MED 30-2+1-25-1 = 3
        Assert.Null(replay.SampleOf(TestTerritory.CliniqueToulouse, T0)); // no unit known yet
    }
}
