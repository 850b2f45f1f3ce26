namespace BedCoord.Domain.Demo;

/// <summary>Deterministic randomness for demo data: the same establishment gets the same figures on every start.</summary>
public static class DemoRandom
{
    /// <summary>FNV-1a, non-negative; string.GetHashCode changes between runs and the demo must not.</summary>
    public static int Hash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h & 0x7fffffff;
        }
    }

    public static Random For(string key, int seed = 2026) => new(seed ^ Hash(key));

    /// <summary>A standard normal draw (Box-Muller), for counts that scatter like real ones around their mean.</summary>
    public static double Normal(this Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
