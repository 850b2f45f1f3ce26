using System.Text.Json;

namespace BedCoord.Bench;

/// <summary>
/// The six bed inputs of a unit or the sums of a scope (the figures an aggregate adds up linearly), so that the
/// bench can compute what a region must show from the writes it had acknowledged.
/// </summary>
public readonly record struct BedInputs(int Installed, int Closed, int Surge, int Occupied, int Reserved, int ExpectedDischarges)
{
    public static BedInputs operator +(BedInputs a, BedInputs b) => new(a.Installed + b.Installed, a.Closed + b.Closed,
        a.Surge + b.Surge, a.Occupied + b.Occupied, a.Reserved + b.Reserved, a.ExpectedDischarges + b.ExpectedDischarges);

    public static BedInputs operator -(BedInputs a, BedInputs b) => new(a.Installed - b.Installed, a.Closed - b.Closed,
        a.Surge - b.Surge, a.Occupied - b.Occupied, a.Reserved - b.Reserved, a.ExpectedDischarges - b.ExpectedDischarges);

    /// <summary>The "beds" object of a unit or scope summary.</summary>
    public static BedInputs Of(JsonElement beds) => new(beds.GetProperty("installed").GetInt32(), beds.GetProperty("closed").GetInt32(),
        beds.GetProperty("surge").GetInt32(), beds.GetProperty("occupied").GetInt32(), beds.GetProperty("reserved").GetInt32(),
        beds.GetProperty("expectedDischarges").GetInt32());

    public static BedInputs Of(BedsLite beds) =>
        new(beds.Installed, beds.Closed, beds.Surge, beds.Occupied, beds.Reserved, beds.ExpectedDischarges);

    /// <summary>Valid random figures keeping the unit's installed beds (domain bounds), marked by the expected discharges.</summary>
    public static BedInputs Random(Random rng, int installed, int mark)
    {
        var closed = rng.Next(0, installed / 5 + 1);
        var surge = rng.Next(0, 4);
        var open = installed - closed + surge;
        var occupied = rng.Next(0, open + 1);
        var reserved = rng.Next(0, open - occupied + 1);
        return new BedInputs(installed, closed, surge, occupied, reserved, mark);
    }

    public string Json() =>
        $"{{\"installed\":{Installed},\"closed\":{Closed},\"surge\":{Surge},\"occupied\":{Occupied},\"reserved\":{Reserved},\"expectedDischarges\":{ExpectedDischarges}}}";

    public override string ToString() => $"{Installed}/{Closed}/{Surge}/{Occupied}/{Reserved}/{ExpectedDischarges}";
}
