using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// Gives every parameter its type, bounds and example: the route parameters shared by all features
/// (<see cref="PathParameters"/>) and those an endpoint declares with <c>.WithParameters(...)</c>, which
/// replace the plain strings the handler binds (or are added when the handler reads the query itself).
/// </summary>
public sealed class ParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ParametersMetadata>()
            .SelectMany(m => m.Parameters).ToList();
        var parameters = operation.Parameters ?? [];
        for (var i = 0; i < parameters.Count; i++)
        {
            var current = parameters[i];
            var contract = declared.FirstOrDefault(d => d.Name == current.Name && d.In == current.In)
                           ?? (current.In == ParameterLocation.Path ? PathParameters.Find(current.Name!) : null);
            if (contract is not null) parameters[i] = contract.ToOpenApi();
        }
        foreach (var missing in declared.Where(d => !parameters.Any(p => p.Name == d.Name && p.In == d.In)))
            parameters.Add(missing.ToOpenApi());
        operation.Parameters = parameters;
        return Task.CompletedTask;
    }
}
