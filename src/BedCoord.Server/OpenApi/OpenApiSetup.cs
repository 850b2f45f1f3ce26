using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// The API contract's host wiring in one place: the OpenAPI document at /openapi/v1.json (transformers in this
/// folder), the human reference page at /docs/api, and problem+json for the answers the framework makes itself.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs/api";

    public static WebApplicationBuilder AddBedCoordOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentTransformer>();
            o.AddOperationTransformer<ParameterTransformer>();
            o.AddOperationTransformer<ResponseTransformer>();
        });
        builder.Services.AddProblemDetails();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        return builder;
    }

    public static WebApplication MapBedCoordOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Scalar's page loads its script from our own origin (the package embeds it), never a CDN.
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("BedCoord API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes(ResponseTransformer.SchemeName))
            .AllowAnonymous();
        return app;
    }
}
