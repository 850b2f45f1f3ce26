using BedCoord.Grains.Abstractions;
using BedCoord.Server.Board;
using BedCoord.Server.Hosting;
using Npgsql;

namespace BedCoord.Server.Api;

/// <summary>
/// api-v1 "Operations": live once the process answers; ready once the silo and storage answer, whatever the
/// territory holds. An empty territory is a valid state (a fresh deployment waiting for its first import, which a
/// load balancer must be able to route to); the board explains it. Demo mode also waits for the seed it was asked for.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous();
        app.MapGet("/health/ready", async (IGrainFactory grains, StartupGate gate, BoardRelay relay, NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using (var cmd = db.CreateCommand("SELECT 1")) await cmd.ExecuteScalarAsync(ct);
                var version = await grains.Territory().GetVersion();
                if (!gate.IsOpen)
                    return Results.Problem(statusCode: 503, title: "Pas prêt", detail: "Les données de démonstration sont en cours de chargement.");
                if (!relay.Registered)
                    return Results.Problem(statusCode: 503, title: "Pas prêt", detail: "Le relais du tableau de bord n'est pas encore inscrit.");
                return Results.Ok(new { status = "ready", territoryVersion = version, territory = version == 0 ? "empty" : "loaded" });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Problem(statusCode: 503, title: "Pas prêt", detail: $"Silo ou stockage indisponible : {e.GetType().Name}");
            }
        }).AllowAnonymous();
    }
}
