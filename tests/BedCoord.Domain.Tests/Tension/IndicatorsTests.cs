using Xunit;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
using static BedCoord.Domain.Tests.Tension.TestSummary;

namespace BedCoord.Domain.Tests.Tension;

public class IndicatorsTests
{
    private static readonly Summary Chu = With(
        new BjmlFigures(20, true, null, 10), edWaiting: 7, blockers: 3, new Freshness(4, 1, 30, 40),
        ("MED", Figures(40, 38)), ("CHIR", Figures(20, 10, reserved: 2)), ("REA", Figures(10, 9)), ("SMR", Figures(30, 15)), ("USC", Figures(0, 0)));

    [Theory]
    [InlineData("occupancyRate", 72.0 / 100)]
    [InlineData("occupancyRate:MCO", 57.0 / 70)]
    [InlineData("occupancyRate:MED", 38.0 / 40)]
    [InlineData("occupancyRate:SMR", 0.5)]
    [InlineData("available", 26.0)]
    [InlineData("available:CHIR", 8.0)]
    [InlineData("available:REA", 1.0)]
    [InlineData("available:MCO", 11.0)]
    [InlineData("bjmlCoverage", 0.5)]
    [InlineData("edWaitingForBed", 7.0)]
    [InlineData("bedBlockers", 3.0)]
    [InlineData("staleShare", 0.25)]
    public void Reads_the_scope_own_figures(string indicator, double expected) =>
        Assert.Equal(expected, Indicators.Value(indicator, Chu)!.Value, 9);

    [Theory]
    [InlineData("occupancyRate:PSY")]   // no such group here
    [InlineData("available:OBST")]      // no such category here
    [InlineData("occupancyRate:USC")]   // present but no open beds
    [InlineData("available:USC")]
    [InlineData("unknown")]
    public void Missing_figures_have_no_value(string indicator) => Assert.Null(Indicators.Value(indicator, Chu));

    [Fact]
    public void No_beds_no_bjml_no_units_have_no_value()
    {
        var empty = Of();
        Assert.Null(Indicators.Value("occupancyRate", empty));
        Assert.Null(Indicators.Value("available", empty));
        Assert.Null(Indicators.Value("bjmlCoverage", empty));
        Assert.Null(Indicators.Value("staleShare", empty));
        var notComputable = Chu with { Bjml = BjmlFigures.NotComputable("Qualité des RPU insuffisante", 10) };
        Assert.Null(Indicators.Value("bjmlCoverage", notComputable));
    }

    [Theory]
    [InlineData("occupancyRate", true)]
    [InlineData("occupancyRate:MCO", true)]
    [InlineData("occupancyRate:REA", true)]
    [InlineData("available:EHPAD", true)]
    [InlineData("bjmlCoverage", true)]
    [InlineData("staleShare", true)]
    [InlineData("edWaitingForBed", true)]
    [InlineData("bedBlockers", true)]
    [InlineData("occupancyRate:mco", false)]
    [InlineData("occupancyRate:", false)]
    [InlineData("bjmlCoverage:MCO", false)]
    [InlineData("available:XYZ", false)]
    [InlineData("Occupancy", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Knows_the_grammar_of_domain_md(string? indicator, bool known) => Assert.Equal(known, Indicators.IsKnown(indicator));

    [Fact]
    public void Labels_are_french() => Assert.Equal("Taux d'occupation MCO", Indicators.Label("occupancyRate:MCO"));
}
