using BedCoord.Grains.Abstractions;
using BedCoord.Server.Board;
using BedCoord.Server.Hosting;
using Npgsql;
using BedCoord.Server.OpenApi;

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
        app.MapGet("/health/live", () => Results.Ok(new LiveAnswer("live"))).AllowAnonymous()
            .WithName("getLive").WithTags("Operations").WithSummary("Live once the process answers").Produces<LiveAnswer>();
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
                return Results.Ok(new ReadyAnswer("ready", version, version == 0 ? "empty" : "loaded"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Problem(statusCode: 503, title: "Pas prêt", detail: $"Silo ou stockage indisponible : {e.GetType().Name}");
            }
        }).AllowAnonymous().WithName("getReady").WithTags("Operations")
            .WithSummary("Ready once the silo is up and storage answers, whatever the territory holds (territory: empty | loaded); 503 problem+json until then")
            .Produces<ReadyAnswer>().Refuses(StatusCodes.Status503ServiceUnavailable);
    }
}
