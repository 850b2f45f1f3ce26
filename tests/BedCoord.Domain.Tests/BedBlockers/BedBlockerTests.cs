using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using Xunit;
using static BedCoord.Domain.Tests.Territory.TestTerritory;

namespace BedCoord.Domain.Tests.BedBlockers;

public class BedBlockerTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly IReadOnlyList<string> Units = ["smr", "med"];

    private static BedBlockerLine Line(long id, string destination, int daysAgo) =>
        new(id, null, destination, Today.AddDays(-daysAgo), false, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(0, "0-2")]
    [InlineData(2, "0-2")]
    [InlineData(3, "3-7")]
    [InlineData(7, "3-7")]
    [InlineData(8, "8-30")]
    [InlineData(30, "8-30")]
    [InlineData(31, ">30")]
    public void Days_waiting_fall_in_their_bucket(int days, string bucket) =>
        Assert.Equal(bucket, BedBlockerCounts.WaitBucket(Today.AddDays(-days), Today));

    [Fact]
    public void A_register_with_lines_replaces_the_declared_figure_and_an_empty_one_leaves_it()
    {
        var declared = SummaryMath.Aggregate(ScopeKind.Establishment, ChuToulouse, "CHU", "31", [], new EmergencyFigures(4, 9), 1);
        var withRegister = SummaryMath.WithRegister(declared, [Line(1, "EHPAD", 40), Line(2, "EHPAD", 1), Line(3, "SMR", 5)], Today);
        Assert.Equal((3, "register"), (withRegister.BedBlockers, withRegister.BedBlockersSource));
        Assert.Equal(2, withRegister.BedBlockersByDestination!["EHPAD"]);
        Assert.Equal(0, withRegister.BedBlockersByDestination["HAD"]);
        Assert.Equal([1, 1, 0, 1], BedBlockerCounts.WaitBuckets.Select(b => withRegister.BedBlockersByWait![b]));

        var empty = SummaryMath.WithRegister(declared, [], Today);
        Assert.Equal((9, "declared"), (empty.BedBlockers, empty.BedBlockersSource));
    }

    [Fact]
    public void Above_establishments_the_counts_are_summed_and_the_source_says_whether_all_keep_a_register()
    {
        var a = SummaryMath.WithRegister(SummaryMath.Aggregate(ScopeKind.Establishment, ChuToulouse, "CHU", "31", [], new EmergencyFigures(0, 9), 1),
            [Line(1, "SMR", 1), Line(2, "HAD", 10)], Today);
        var b = SummaryMath.WithRegister(SummaryMath.Aggregate(ScopeKind.Establishment, CliniqueToulouse, "Clinique", "31", [], new EmergencyFigures(0, 4), 1),
            [], Today);
        var department = SummaryMath.Aggregate(ScopeKind.Department, "31", "Haute-Garonne", "OUEST", [a, b], null, 1);
        Assert.Equal(2 + 4, department.BedBlockers);
        Assert.Equal("mixed", department.BedBlockersSource);
        Assert.Equal(1, department.BedBlockersByDestination!["HAD"]);
        Assert.Equal(1, department.BedBlockersByWait!["8-30"]);
        Assert.Equal("register", SummaryMath.Aggregate(ScopeKind.Department, "31", "x", null, [a], null, 1).BedBlockersSource);
    }

    [Theory]
    [InlineData(null, null, "2026-12-01", "destination")]
    [InlineData(null, "HOTEL", "2026-12-01", "destination")]
    [InlineData(null, "SMR", "2026-13-01", "since")]
    [InlineData(null, "SMR", "2026-12-08", "since")]   // tomorrow
    [InlineData(null, "SMR", "2020-01-01", "since")]   // older than three years: a typing mistake
    [InlineData("rea", "SMR", "2026-12-01", "unitId")]
    public void A_bad_line_is_refused_by_the_name_of_its_field(string? unit, string? destination, string since, string field)
    {
        var errors = new FieldErrors();
        Assert.Null(new BedBlockerInput(unit, destination, since, null).Validate(Units, Today, errors));
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Identifying_fields_are_refused_saying_the_register_is_anonymous()
    {
        Assert.Contains("identifierait le patient", BedBlockerInput.Refusal("birthDate"));
        Assert.Contains("identifierait le patient", BedBlockerInput.Refusal("name"));
        Assert.Contains("Champ inconnu", BedBlockerInput.Refusal("colour"));
    }
}
