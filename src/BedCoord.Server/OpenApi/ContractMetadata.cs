using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Server.Api;

namespace BedCoord.Server.OpenApi;

/// <summary>Endpoint metadata the contract transformers read: parameters, ETag/If-Match, request examples.</summary>
public sealed record ParametersMetadata(IReadOnlyList<ParameterContract> Parameters);

/// <summary>The answer carries the unit's version as ETag; with <paramref name="IfMatch"/>, the request may send it back.</summary>
public sealed record ETagMetadata(bool IfMatch);

public sealed record RequestExampleMetadata(JsonNode Example);

/// <summary>Declares an endpoint's contract beside its mapping: <c>.WithParameters(...)</c>, <c>.WithETag()</c>, <c>.Refuses(400, 404)</c>.</summary>
public static class ContractConventions
{
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder route, params ParameterContract[] parameters) =>
        route.WithMetadata(new ParametersMetadata(parameters));

    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder route, bool ifMatch = false) =>
        route.WithMetadata(new ETagMetadata(ifMatch));

    /// <summary>Stands for "any content type" in accepts metadata; removed from the document by <see cref="ResponseTransformer"/>.</summary>
    internal const string AnyContentType = "*/*";

    /// <summary>
    /// A JSON body of <typeparamref name="TBody"/>, with an example that the lint checks against its schema. The
    /// handlers check the content type themselves (415 naming what they expect, after 401, 404 and 403), so routing
    /// must not refuse first: "*/*" keeps its content-type matcher from answering a bare 415.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder route, object? example = null) where TBody : notnull
    {
        route = route.Accepts<TBody>("application/json", AnyContentType);
        return example is null ? route : route.WithMetadata(new RequestExampleMetadata(JsonSerializer.SerializeToNode(example, JsonBody.Options)!));
    }

    /// <summary>
    /// The problem+json answers an endpoint gives itself: 400 carries the field errors (<c>errors</c>), others a
    /// plain problem. 401 and 429 are added for every authorised /api operation, 413 and 415 for every body.
    /// </summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
            route = status == StatusCodes.Status400BadRequest ? route.ProducesValidationProblem() : route.ProducesProblem(status);
        return route;
    }
}
