using BedCoord.Domain.Bjml;
using CsCheck;
using Xunit;

namespace BedCoord.Domain.Tests.Bjml;

public class PercentileProperties
{
    private static readonly Gen<int[]> Samples = Gen.Int[0, 10_000].Array[1, 21];

    [Fact]
    public void Lies_between_the_smallest_and_the_largest() =>
        Samples.Sample(s => BjmlCalculator.Percentile25(s) >= s.Min() && BjmlCalculator.Percentile25(s) <= s.Max());

    [Fact]
    public void Does_not_depend_on_order() =>
        Samples.Sample(s => BjmlCalculator.Percentile25(s) == BjmlCalculator.Percentile25(s.Reverse().ToArray()));

    [Fact]
    public void Moves_with_a_shift_of_every_sample() =>
        Gen.Select(Samples, Gen.Int[0, 100]).Sample((s, c) =>
            BjmlCalculator.Percentile25(s.Select(x => x + c).ToArray()) == BjmlCalculator.Percentile25(s) + c);

    [Fact]
    public void At_least_a_quarter_of_the_samples_are_at_or_below_it() =>
        Samples.Sample(s =>
        {
            var p = BjmlCalculator.Percentile25(s);
            return s.Count(x => x <= p) >= Math.Ceiling((s.Length - 1) * 0.25) && s.Count(x => x >= p) >= Math.Ceiling((s.Length - 1) * 0.75);
        });
}
