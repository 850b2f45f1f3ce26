using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Tension;

public sealed class RuleBookGrain(
    [PersistentState("rulebook", GridOptions.StorageName)] IPersistentState<RuleBookState> state,
    RuleBookHolder holder) : Grain, IRuleBookGrain
{
    public Task<RuleBook> Get() => Task.FromResult(state.State.Book ?? RuleBook.Empty);
    public Task<long> GetVersion() => Task.FromResult(state.State.Book?.Version ?? 0);

    public async Task<RuleBook> Set(ScopeRef scope, RuleSet? rules)
    {
        var book = (state.State.Book ?? RuleBook.Empty).With(scope, rules);
        state.State.Book = book;
        await state.WriteStateAsync();
        holder.Offer(book);
        return book;
    }
}

public sealed class RuleBookState
{
    public RuleBook? Book { get; set; }
}
