using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Board;

/// <summary>
/// Keeps the relays that registered recently. A silo that dies stops re-registering and drops out after
/// <see cref="Expiry"/>; until then calls to its relay simply fail, since they are one-way.
/// </summary>
public sealed class RelayDirectoryGrain(TimeProvider clock) : Grain, IRelayDirectoryGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(45);
    private readonly Dictionary<IBoardRelay, (string Silo, DateTimeOffset Seen)> _relays = new();

    public Task Register(IBoardRelay relay, string silo)
    {
        var joined = !_relays.ContainsKey(relay);
        _relays[relay] = (silo, clock.GetUtcNow());
        // Without this, changes made through another silo during its next refresh (up to 2 s) would not
        // reach the new silo's boards, and a board that just subscribed there would miss them.
        if (joined)
            foreach (var other in _relays.Keys.Where(r => !r.Equals(relay))) _ = other.RelaysChanged();
        return Task.CompletedTask;
    }

    public Task Unregister(IBoardRelay relay)
    {
        _relays.Remove(relay);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IBoardRelay>> List()
    {
        var cutoff = clock.GetUtcNow() - Expiry;
        foreach (var stale in _relays.Where(r => r.Value.Seen < cutoff).Select(r => r.Key).ToList()) _relays.Remove(stale);
        return Task.FromResult<IReadOnlyList<IBoardRelay>>(_relays.Keys.ToList());
    }
}
