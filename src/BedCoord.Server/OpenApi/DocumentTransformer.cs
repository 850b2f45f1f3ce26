using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// What the document says about itself: title, description, contact, licence, a server relative to where it is
/// read, the bearer scheme, the problem schemas the answers refer to, and an operationId for any operation
/// mapped without a name.
/// </summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "BedCoord API",
            Version = "v1",
            Description = "The real-time hospital bed grid of the Occitanie regional emergency observatory (ORU): reading and writing bed " +
                          "states, tension levels, history, reports. JSON is camelCase, times ISO 8601 with an offset. Every error is " +
                          "application/problem+json (RFC 9457) naming the field. The live board hub (/hubs/board, SignalR) is described in docs/API.md.",
            Contact = new OpenApiContact { Name = "ORU Occitanie — BedCoord", Url = new Uri("https://www.oruoccitanie.fr/") },
            License = new OpenApiLicense { Name = "Proprietary" },
        };
        // Relative: the document is valid whatever host and port serve it (and the snapshot stays the same).
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document was read from" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ResponseTransformer.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT of the configured OpenID Connect issuer (claims sub, role, establishment, sector, region); in demo mode, POST /api/dev/token issues one.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        await EnsureSchema(document, context, ResponseTransformer.ProblemSchema, typeof(ProblemDetails), cancellationToken);
        await EnsureSchema(document, context, ResponseTransformer.ValidationProblemSchema, typeof(HttpValidationProblemDetails), cancellationToken);

        // .NET leaves the type out of a string enum's schema (ScopeKind): say it, or generators take it for numbers.
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
            if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
                schema.Type = JsonSchemaType.String;

        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations ?? [])
                operation.OperationId ??= OperationIds.From(method.Method, path);
    }

    private static async Task EnsureSchema(OpenApiDocument document, OpenApiDocumentTransformerContext context, string id, Type type, CancellationToken ct)
    {
        if (document.Components!.Schemas!.ContainsKey(id)) return;
        document.Components.Schemas[id] = await context.GetOrCreateSchemaAsync(type, null, ct);
    }
}

/// <summary>A stable name for an operation mapped without <c>.WithName</c>: method and literal path segments, camelCase.</summary>
public static class OperationIds
{
    public static string From(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.StartsWith('{') && s != "api")
            .SelectMany(s => s.Split('-', '.', '_'))
            .Where(s => s.Length > 0)
            .Select(s => char.ToUpperInvariant(s[0]) + s[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }
}
