using System.Text.Json.Nodes;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;

namespace BedCoord.Server.Crisis;

/// <summary>Appends to a main courante (a person's entry or the system's own) and tells the cell pages.</summary>
public sealed class CrisisJournal(LogbookStore store, CrisisNotifier notifier, CrisisFigures figures, TerritoryCatalogHolder territory,
    TimeProvider clock, ILogger<CrisisJournal> log)
{
    public async Task<(LogbookStore.AppendOutcome Outcome, LogbookEntry? Entry)> AppendAsync(LogbookDraft draft, DateTimeOffset? at = null)
    {
        var result = await store.AppendAsync(draft, at ?? clock.GetUtcNow());
        if (result.Entry is { } e) notifier.Notify(draft.Scope, CrisisNotifier.Logbook, e.Id, e.Text);
        return result;
    }

    /// <summary>
    /// A system entry (author "system") with the scope's figures of the moment. Never throws: the change it records is
    /// already durable, and losing its log line is an operations incident to alert on, not the caller's error.
    /// </summary>
    /// <param name="eventAt">When it happened, if before it is logged (a level change queued behind others).</param>
    public async Task<LogbookEntry?> SystemAsync(ScopeRef scope, string text, string? link = null, JsonObject? extra = null, DateTimeOffset? at = null,
        DateTimeOffset? eventAt = null)
    {
        try
        {
            var data = new JsonObject { ["figures"] = await figures.OfAsync(scope) };
            if (extra is not null) foreach (var (k, v) in extra) data[k] = v?.DeepClone();
            var draft = new LogbookDraft(scope, LogbookKinds.System, Clip(text), null, eventAt, null, null, LogbookKinds.SystemAuthor,
                LogbookKinds.SystemAuthor, link, data.ToJsonString());
            return (await AppendAsync(draft, at)).Entry;
        }
        catch (Exception e)
        {
            log.LogCritical(e, "System entry lost in the main courante of {Scope}: {Text}", scope, text);
            return null;
        }
    }

    public string NameOf(ScopeRef scope) => territory.Current.NameOf(scope) ?? scope.Id;

    private static string Clip(string text) => text.Length <= LogbookRules.MaxText ? text : text[..(LogbookRules.MaxText - 1)] + "…";
}
