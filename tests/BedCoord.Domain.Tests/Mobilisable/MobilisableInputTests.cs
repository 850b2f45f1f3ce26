using BedCoord.Domain.Beds;
using BedCoord.Domain.Mobilisable;
using Xunit;

namespace BedCoord.Domain.Tests.Mobilisable;

public class MobilisableInputTests
{
    private static BedInput Unit(MobilisableInput? m) => new(30, 4, 0, 20, 1, 2, m);

    private static (BedFigures? Figures, FieldErrors Errors) Check(BedInput input)
    {
        var errors = new FieldErrors();
        return (input.Validate(errors), errors);
    }

    [Fact]
    public void Omitted_mobilisable_fields_mean_zero()
    {
        var (figures, errors) = Check(Unit(null));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(MobilisableFigures.Zero, figures!.Mobilisable);
        Assert.Equal(0, figures.Mobilisable.Total);
    }

    [Fact]
    public void Counts_and_delays_give_the_total_and_the_parts_within_24_and_72_hours()
    {
        var (figures, errors) = Check(Unit(new MobilisableInput(Reopenable: 3, ReopenableWithinHours: 24,
            SurgeWithoutStaff: 2, SurgeWithoutStaffWithinHours: 72, SurgeWithStaff: 5)));
        Assert.True(errors.IsEmpty, errors.ToString());
        var m = figures!.Mobilisable;
        Assert.Equal(10, m.Total);
        Assert.Equal(new MobilisableCounts(3, 0, 0), m.Within24h);
        Assert.Equal(new MobilisableCounts(3, 2, 0), m.Within72h);
        Assert.Equal(24, MobilisableFigures.DelayOf(m.Reopenable, m.Within24h.Reopenable, m.Within72h.Reopenable));
        Assert.Equal(72, MobilisableFigures.DelayOf(m.SurgeWithoutStaff, m.Within24h.SurgeWithoutStaff, m.Within72h.SurgeWithoutStaff));
        Assert.Null(MobilisableFigures.DelayOf(m.SurgeWithStaff, m.Within24h.SurgeWithStaff, m.Within72h.SurgeWithStaff));
    }

    [Fact]
    public void More_reopenable_beds_than_closed_ones_is_refused_by_name()
    {
        var (figures, errors) = Check(Unit(new MobilisableInput(Reopenable: 5)));
        Assert.Null(figures);
        Assert.Equal(["reopenable"], errors.ToDictionary().Keys);
        Assert.Contains("fermés (4)", errors.ToDictionary()["reopenable"].Single());
    }

    [Theory]
    [InlineData("reopenable", -1)]
    [InlineData("surgeWithoutStaff", 5001)]
    [InlineData("surgeWithStaff", -3)]
    [InlineData("reopenableWithinHours", 48)]
    [InlineData("surgeWithStaffWithinHours", 0)]
    public void Out_of_range_values_are_refused_by_name(string field, int value)
    {
        var input = field switch
        {
            "reopenable" => new MobilisableInput(Reopenable: value),
            "surgeWithoutStaff" => new MobilisableInput(SurgeWithoutStaff: value),
            "surgeWithStaff" => new MobilisableInput(SurgeWithStaff: value),
            "reopenableWithinHours" => new MobilisableInput(Reopenable: 1, ReopenableWithinHours: value),
            _ => new MobilisableInput(SurgeWithStaff: 1, SurgeWithStaffWithinHours: value),
        };
        var (figures, errors) = Check(Unit(input));
        Assert.Null(figures);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }
}
