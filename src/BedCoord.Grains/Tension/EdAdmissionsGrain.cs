using BedCoord.Domain.Bjml;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Tension;

/// <summary>Keeps an establishment's daily post-emergency hospitalisations apart from its live grain, which stays small.</summary>
public sealed class EdAdmissionsGrain(
    [PersistentState("ed-admissions", GridOptions.StorageName)] IPersistentState<EdAdmissionsState> state,
    TimeProvider clock) : Grain, IEdAdmissionsGrain
{
    public async Task<int> Import(IReadOnlyList<DailyCount> counts)
    {
        foreach (var c in counts) state.State.Counts[c.Date] = c.Count;
        await state.WriteStateAsync();
        await NotifyEstablishmentAsync();
        return counts.Count;
    }

    public async Task SetQuality(RpuQuality quality)
    {
        state.State.Quality = quality;
        await state.WriteStateAsync();
        await NotifyEstablishmentAsync();
    }

    public Task<RpuQuality> GetQuality() => Task.FromResult(state.State.Quality ?? RpuQuality.Assumed);

    public Task<BjmlResult> Compute(DateOnly date) =>
        Task.FromResult(BjmlCalculator.Compute(date, state.State.Counts, state.State.Quality));

    private async Task NotifyEstablishmentAsync()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await GrainFactory.GetGrain<IEstablishmentGrain>(this.GetPrimaryKeyString()).BjmlChanged(await Compute(today));
    }
}

public sealed class EdAdmissionsState
{
    public Dictionary<DateOnly, int> Counts { get; set; } = new();
    public RpuQuality? Quality { get; set; }
}
