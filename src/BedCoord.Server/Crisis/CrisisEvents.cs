using System.Threading.Channels;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Server.Hosting;
using BedCoord.Server.Reports;

namespace BedCoord.Server.Crisis;

/// <summary>
/// What the grid tells the crisis cell: declarations and lifts (from the declaration endpoints, once the declaration is
/// durable) and level changes (every alert, in the silo that raised it). Each becomes a system entry with the figures
/// of the moment, and a trigger reached opens its checklist. Failures are logged, never thrown back at the grid.
/// </summary>
public sealed class CrisisEvents(IServiceProvider services, ILogger<CrisisEvents> log) : IAlertObserver
{
    // Resolved on first use: the alert publisher is built with the silo, before the web side is.
    private CrisisJournal Journal => services.GetRequiredService<CrisisJournal>();
    private MeasureService Measures => services.GetRequiredService<MeasureService>();

    public async Task DeclaredAsync(ScopeRef scope, Declaration declaration)
    {
        try
        {
            var until = declaration.ExpiresAt is { } e ? $", jusqu'au {French.Moment(e)}" : "";
            await Journal.SystemAsync(scope, $"Déclaration « {TensionLevel.Label(declaration.Level)} » sur {Journal.NameOf(scope)} : {declaration.Reason} " +
                                             $"(par {declaration.By}{until}).", "declaration:current");
            if (MeasureTriggers.ForDeclaration(scope.Kind, declaration) is { } trigger) await Measures.OpenAsync(scope, trigger, declaration.By);
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Crisis cell of {Scope} not told of a declaration", scope);
        }
    }

    public async Task LiftedAsync(ScopeRef scope, Declaration lifted, string by, string reason)
    {
        try
        {
            await Journal.SystemAsync(scope, $"Levée de la déclaration « {TensionLevel.Label(lifted.Level)} » ({lifted.Reason}) sur {Journal.NameOf(scope)} : " +
                                             $"{reason} (par {by}).", "declaration:lifted");
            await Measures.LiftDeclaredAsync(scope, by);
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Crisis cell of {Scope} not told of a lift", scope);
        }
    }

    // Level changes are logged in the order they were raised: one reader drains the queue.
    private readonly Channel<Alert> _alerts = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });
    private int _draining;

    public void OnAlert(Alert alert)
    {
        // While the demo territory loads, levels appear rather than change: that is not a crisis event to log.
        if (alert.Scope == ScopeKind.Unit || !services.GetRequiredService<StartupGate>().IsOpen) return;
        _alerts.Writer.TryWrite(alert);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(DrainAsync);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            while (_alerts.Reader.TryRead(out var alert)) await LogAlertAsync(alert);
            Volatile.Write(ref _draining, 0);
            // An alert queued between the last read and the release above must not wait for the next one.
            if (!_alerts.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }

    private async Task LogAlertAsync(Alert alert)
    {
        var scope = new ScopeRef(alert.Scope, alert.ScopeId);
        try
        {
            await Journal.SystemAsync(scope, $"Niveau de {alert.Name} : {TensionLevel.Label(alert.From)} → {TensionLevel.Label(alert.To)} ({alert.Cause}).",
                $"alert:{alert.Id}", eventAt: alert.At);
            foreach (var trigger in MeasureTriggers.ForComputedLevel(alert.ComputedLevel))
                await Measures.OpenAsync(scope, trigger, LogbookKinds.SystemAuthor);
        }
        catch (Exception e)
        {
            log.LogError(e, "Crisis cell of {Scope} not told of alert {Alert}", scope, alert.Id);
        }
    }
}
