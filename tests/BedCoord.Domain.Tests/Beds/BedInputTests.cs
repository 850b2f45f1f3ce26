using BedCoord.Domain.Beds;
using Xunit;

namespace BedCoord.Domain.Tests.Beds;

public class BedInputTests
{
    private static readonly BedInput Valid = new(Installed: 30, Closed: 2, Surge: 1, Occupied: 25, Reserved: 2, ExpectedDischarges: 3);

    private static (BedFigures? Figures, FieldErrors Errors) Check(BedInput input)
    {
        var errors = new FieldErrors();
        return (input.Validate(errors), errors);
    }

    private static BedInput With(string field, int? value) => field switch
    {
        "installed" => Valid with { Installed = value },
        "closed" => Valid with { Closed = value },
        "surge" => Valid with { Surge = value },
        "occupied" => Valid with { Occupied = value },
        "reserved" => Valid with { Reserved = value },
        "expectedDischarges" => Valid with { ExpectedDischarges = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Fact]
    public void A_consistent_input_gives_the_figures_and_no_error()
    {
        var (figures, errors) = Check(Valid);
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(new BedFigures(30, 2, 1, 25, 2, 3), figures);
    }

    public static TheoryData<string> Fields => new(BedInput.FieldNames);

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_missing_field_is_rejected_by_its_name(string field)
    {
        var (figures, errors) = Check(With(field, null));
        Assert.Null(figures);
        Assert.True(errors.Has(field));
        Assert.Single(errors.ToDictionary());
        Assert.Contains(field, errors.ToDictionary()[field].Single());
        Assert.Contains("obligatoire", errors.ToDictionary()[field].Single());
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var (figures, errors) = Check(new BedInput(null, null, null, null, null, null));
        Assert.Null(figures);
        Assert.Equal(BedInput.FieldNames.OrderBy(f => f), errors.ToDictionary().Keys.OrderBy(f => f));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_negative_count_is_rejected_by_its_name(string field)
    {
        var (figures, errors) = Check(With(field, -1));
        Assert.Null(figures);
        Assert.Equal(new[] { field }, errors.ToDictionary().Keys);
        Assert.Contains(field, errors.ToDictionary()[field].Single());
        Assert.Contains("-1", errors.ToDictionary()[field].Single());
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_count_over_5000_is_rejected_by_its_name(string field)
    {
        var (figures, errors) = Check(With(field, BedLimits.MaxCount + 1));
        Assert.Null(figures);
        Assert.True(errors.Has(field));
        Assert.Contains("5001", errors.ToDictionary()[field].Single());
        Assert.Contains("5000", errors.ToDictionary()[field].Single());
    }

    [Fact]
    public void Every_field_at_5000_is_accepted()
    {
        // open = 5000 - 0 + 5000 = 10000, so occupied and reserved may both be 5000.
        var (figures, errors) = Check(new BedInput(5000, 0, 5000, 5000, 5000, 5000));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(10000, figures!.Open);
        Assert.Equal(0, figures.Available);
    }

    [Fact]
    public void Every_field_at_zero_is_accepted_and_has_no_occupancy_rate()
    {
        var (figures, errors) = Check(new BedInput(0, 0, 0, 0, 0, 0));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Null(figures!.OccupancyRate);
    }

    [Fact]
    public void Closed_may_equal_installed_but_not_exceed_it()
    {
        Assert.NotNull(Check(new BedInput(10, 10, 0, 0, 0, 0)).Figures);

        var (figures, errors) = Check(new BedInput(10, 11, 0, 0, 0, 0));
        Assert.Null(figures);
        Assert.Equal(new[] { "closed" }, errors.ToDictionary().Keys);
        Assert.Contains("(11)", errors.ToDictionary()["closed"].Single());
        Assert.Contains("(10)", errors.ToDictionary()["closed"].Single());
    }

    [Fact]
    public void Closed_beyond_installed_is_rejected_even_when_surge_would_cover_it()
    {
        var (figures, errors) = Check(new BedInput(10, 11, 5, 0, 0, 0));
        Assert.Null(figures);
        Assert.True(errors.Has("closed"));
    }

    [Fact]
    public void Occupied_may_fill_every_open_bed_surge_included_but_not_more()
    {
        // open = 20 - 4 + 3 = 19
        var (ok, _) = Check(new BedInput(20, 4, 3, 19, 0, 0));
        Assert.Equal(19, ok!.Open);
        Assert.Equal(1.0, ok.OccupancyRate);

        var (figures, errors) = Check(new BedInput(20, 4, 3, 20, 0, 0));
        Assert.Null(figures);
        Assert.Equal(new[] { "occupied" }, errors.ToDictionary().Keys);
        Assert.Contains("19", errors.ToDictionary()["occupied"].Single());
    }

    [Fact]
    public void Reserved_may_take_every_free_bed_but_not_more()
    {
        // open 19, occupied 15: 4 free
        var (ok, _) = Check(new BedInput(20, 4, 3, 15, 4, 0));
        Assert.Equal(0, ok!.Available);

        var (figures, errors) = Check(new BedInput(20, 4, 3, 15, 5, 0));
        Assert.Null(figures);
        Assert.Equal(new[] { "reserved" }, errors.ToDictionary().Keys);
        Assert.Contains("(5)", errors.ToDictionary()["reserved"].Single());
        Assert.Contains("4", errors.ToDictionary()["reserved"].Single());
    }

    [Fact]
    public void Expected_discharges_are_not_bounded_by_occupied()
    {
        var (figures, errors) = Check(new BedInput(10, 0, 0, 2, 0, 8));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(8, figures!.ExpectedDischarges);
    }
}

public class BedFiguresTests
{
    [Fact]
    public void Open_available_and_rate_are_derived_from_the_inputs()
    {
        var f = new BedFigures(Installed: 40, Closed: 5, Surge: 5, Occupied: 30, Reserved: 4, ExpectedDischarges: 6);
        Assert.Equal(40, f.Open);
        Assert.Equal(6, f.Available);
        Assert.Equal(0.75, f.OccupancyRate);
    }

    [Fact]
    public void A_unit_with_every_bed_closed_has_no_occupancy_rate()
    {
        var f = new BedFigures(12, 12, 0, 0, 0, 0);
        Assert.Equal(0, f.Open);
        Assert.Null(f.OccupancyRate);
    }

    [Fact]
    public void Adding_figures_adds_every_input_and_the_rate_comes_from_the_sums()
    {
        var a = new BedFigures(10, 0, 0, 10, 0, 1);   // 100 %
        var b = new BedFigures(100, 10, 0, 45, 2, 4); // 50 %
        var sum = a + b;
        Assert.Equal(new BedFigures(110, 10, 0, 55, 2, 5), sum);
        Assert.Equal(100, sum.Open);
        Assert.Equal(43, sum.Available);
        Assert.Equal(0.55, sum.OccupancyRate!.Value, 12);
    }

    [Fact]
    public void Zero_is_neutral_for_addition()
    {
        var a = new BedFigures(3, 1, 2, 2, 1, 1);
        Assert.Equal(a, a + BedFigures.Zero);
        Assert.Equal(a, BedFigures.Zero + a);
    }
}

public class EmergencyInputTests
{
    [Fact]
    public void Both_figures_given_are_accepted()
    {
        var errors = new FieldErrors();
        Assert.Equal(new EmergencyFigures(7, 3), new EmergencyInput(7, 3).Validate(errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5000, 5000)]
    public void Limits_are_accepted(int waiting, int blockers)
    {
        var errors = new FieldErrors();
        Assert.NotNull(new EmergencyInput(waiting, blockers).Validate(errors));
    }

    [Theory]
    [InlineData(null, 1, "edWaitingForBed")]
    [InlineData(1, null, "bedBlockers")]
    [InlineData(-1, 1, "edWaitingForBed")]
    [InlineData(1, 5001, "bedBlockers")]
    public void A_missing_or_out_of_range_figure_is_rejected_by_its_name(int? waiting, int? blockers, string field)
    {
        var errors = new FieldErrors();
        Assert.Null(new EmergencyInput(waiting, blockers).Validate(errors));
        Assert.Equal(new[] { field }, errors.ToDictionary().Keys);
        Assert.Contains(field, errors.ToDictionary()[field].Single());
    }

    [Fact]
    public void Emergency_figures_add_up()
    {
        Assert.Equal(new EmergencyFigures(5, 7), new EmergencyFigures(2, 3) + new EmergencyFigures(3, 4));
    }
}

public class UnitBedStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_accepted_change_gets_a_new_version_time_and_author()
    {
        var s1 = new UnitBedState(BedFigures.Zero, 4, T0, "alice");
        var beds = new BedFigures(10, 0, 0, 5, 0, 0);
        var s2 = s1.Next(beds, T0.AddMinutes(5), "bob");
        Assert.Equal(5, s2.Version);
        Assert.Equal(T0.AddMinutes(5), s2.UpdatedAt);
        Assert.Equal("bob", s2.UpdatedBy);
        Assert.Equal(beds, s2.Beds);
    }

    [Fact]
    public void A_state_is_stale_only_once_older_than_stale_after()
    {
        var s = new UnitBedState(BedFigures.Zero, 1, T0, "alice");
        var twelveHours = TimeSpan.FromHours(12);
        Assert.False(s.IsStaleAt(T0.AddHours(12), twelveHours));
        Assert.True(s.IsStaleAt(T0.AddHours(12).AddSeconds(1), twelveHours));
    }
}
