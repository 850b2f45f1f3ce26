using System.Diagnostics.Metrics;
using BedCoord.Domain.Territory;

namespace BedCoord.Server.Observability;

/// <summary>
/// BedCoord's server meter: bed updates accepted and refused, board connections and pushes. Names carry the
/// bedcoord_ prefix; the Prometheus exporter adds the unit and _total suffixes (docs/OPERATIONS.md lists them).
/// </summary>
public static class ServerMetrics
{
    public const string MeterName = "BedCoord.Server";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "bedcoord_updates_accepted", "{update}", "Bed updates (PUT …/beds) acknowledged");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "bedcoord_updates_refused", "{update}", "Bed updates refused, by HTTP status (400 invalid, 403 out of scope, 412 stale ETag, 503 grid unavailable…)");
    private static readonly Counter<long> Pushes = Meter.CreateCounter<long>(
        "bedcoord_hub_pushes", "{message}", "Scope changes (delta) and snapshots after a gap pushed to boards by this silo's hub, by scope kind");
    private static readonly UpDownCounter<long> Boards = Meter.CreateUpDownCounter<long>(
        "bedcoord_boards_connected", "{connection}", "Boards connected to this silo's hub now");

    public static void UpdateAnswered(int status)
    {
        if (status is >= 200 and < 300) Accepted.Add(1);
        else Refused.Add(1, new KeyValuePair<string, object?>("status", status));
    }

    public static void HubPushed(ScopeKind kind) => Pushes.Add(1, new KeyValuePair<string, object?>("scope_kind", kind.Name()));
    public static void BoardConnected() => Boards.Add(1);
    public static void BoardDisconnected() => Boards.Add(-1);
}
