using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Board;

namespace BedCoord.Server.Crisis;

/// <summary>Tells every silo's relay that a cell changed, so cell pages of the scope and of its ancestors refresh.</summary>
public sealed class CrisisNotifier(RelayList relays, TimeProvider clock)
{
    public const string Logbook = "logbook";
    public const string Measure = "measure";
    public const string Request = "request";
    public const string Overdue = "overdue";

    public void Notify(ScopeRef scope, string what, string? id = null, string? text = null)
    {
        var notice = new CrisisNotice(scope.ToString(), what, id, text, clock.GetUtcNow());
        foreach (var relay in relays.Current) relay.CrisisChanged(notice).Ignore();
    }
}
