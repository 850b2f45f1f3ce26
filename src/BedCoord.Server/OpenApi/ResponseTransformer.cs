using BedCoord.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// The answers every operation shares, so no endpoint has to repeat them and none can forget them:
/// bearer security with 401 on authorised operations, 429 under /api (the rate limiter), 413 and 415 for a
/// request body, ETag / If-Match / 412 where declared, the request example, and a problem+json schema on every
/// error answer.
/// </summary>
public sealed class ResponseTransformer : IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";
    internal const string ProblemSchema = "ProblemDetails";
    internal const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= new OpenApiResponses();
        var authorised = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (authorised)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            AddProblem(operation, document, 401, "No token, or an expired or invalid one.");
        }
        if (("/" + context.Description.RelativePath).StartsWith("/api/", StringComparison.Ordinal))
            AddProblem(operation, document, 429, "Too many requests from this caller: nothing was done; retry after the Retry-After delay.",
                retryAfter: true);
        if (operation.RequestBody is { } body)
        {
            body.Content?.Remove(ContractConventions.AnyContentType);
            AddProblem(operation, document, 413, "The body is larger than the server accepts.");
            AddProblem(operation, document, 415, "The body is not in one of the accepted content types.");
            if (metadata.OfType<RequestExampleMetadata>().LastOrDefault() is { } example && body.Content?.TryGetValue("application/json", out var json) == true)
                json.Example = example.Example.DeepClone();
        }
        if (metadata.OfType<ETagMetadata>().LastOrDefault() is { } etag) AddETag(operation, document, etag.IfMatch);

        foreach (var (status, response) in operation.Responses)
            if (status.Length == 3 && status[0] is '4' or '5' && response is OpenApiResponse { Content: null or { Count: 0 } } bare)
                bare.Content = ProblemContent(document, status == "400");
        return Task.CompletedTask;
    }

    private static void AddETag(OpenApiOperation operation, OpenApiDocument document, bool ifMatch)
    {
        if (operation.Responses!.TryGetValue("200", out var ok) && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The unit's version, quoted: send it back in If-Match to write only over this version.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
                Example = System.Text.Json.Nodes.JsonValue.Create("\"7\""),
            };
        }
        if (!ifMatch) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(Param.Header("If-Match",
            "Optional. The version this write is based on, as the ETag gave it (\"7\", W/\"7\"), or * for any: if the unit has changed since, the write is refused with 412 and changes nothing.",
            "\"7\"").ToOpenApi());
        AddProblem(operation, document, 412,
            "If-Match does not match the current version: someone else changed it; the answer carries the current ETag and currentVersion.");
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        var response = new OpenApiResponse { Description = description, Content = ProblemContent(document, validation: false) };
        if (retryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        operation.Responses[key] = response;
    }

    internal static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiDocument document, bool validation) => new()
    {
        ["application/problem+json"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(validation ? ValidationProblemSchema : ProblemSchema, document),
        },
    };
}
