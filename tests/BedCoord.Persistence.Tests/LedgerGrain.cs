namespace BedCoord.Persistence.Tests;

public interface ILedgerGrain : IGrainWithStringKey
{
    Task Append(string entry);
    Task<LedgerState> Read();
    Task RemindDaily();
}

[GenerateSerializer]
public sealed class LedgerState
{
    [Id(0)] public List<string> Entries { get; set; } = [];
    [Id(1)] public int TotalBeds { get; set; }
}

/// <summary>Test grain: persists through "bedcoord" and can register a reminder.</summary>
public sealed class LedgerGrain(
    [PersistentState("ledger", PostgresSetup.StorageName)] IPersistentState<LedgerState> state) : Grain, ILedgerGrain, IRemindable
{
    public async Task Append(string entry)
    {
        state.State.Entries.Add(entry);
        state.State.TotalBeds += 1;
        await state.WriteStateAsync();
    }

    public Task<LedgerState> Read() => Task.FromResult(state.State);

    public Task RemindDaily() => this.RegisterOrUpdateReminder("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
