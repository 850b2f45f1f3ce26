using BedCoord.Domain.Tension;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Tension;

/// <summary>This silo's cached copy of the rule book, replaced whenever a newer version is seen.</summary>
public sealed class RuleBookHolder
{
    private volatile RuleBook _current = RuleBook.Empty;

    public RuleBook Current => _current;

    public void Offer(RuleBook book)
    {
        if (book.Version > _current.Version) _current = book;
    }

    /// <summary>Fetches the book when the grain holds a newer version than <paramref name="atLeast"/> or this copy.</summary>
    public async Task RefreshAsync(IGrainFactory grains, long atLeast = 0)
    {
        if (atLeast != 0 && atLeast <= _current.Version) return;
        var grain = grains.GetGrain<IRuleBookGrain>("default");
        if (await grain.GetVersion() > _current.Version) Offer(await grain.Get());
    }
}
