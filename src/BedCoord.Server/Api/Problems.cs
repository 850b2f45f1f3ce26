using BedCoord.Domain.Beds;
using Microsoft.AspNetCore.Mvc;

namespace BedCoord.Server.Api;

/// <summary>RFC 9457 answers with a message a person can act on (api-v1 "Errors").</summary>
public static class Problems
{
    public static IResult Invalid(FieldErrors errors, string? detail = null) => Results.ValidationProblem(
        errors.ToDictionary(), detail ?? $"Saisie refusée, rien n'a été modifié : {errors}", title: "Saisie invalide");

    public static IResult Invalid(string field, string message) => Invalid(Single(field, message));

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Introuvable", detail: what);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", detail: detail);

    public static IResult Conflict(long currentVersion) => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Modifié entre-temps",
        detail: $"Ce service a été modifié par quelqu'un d'autre entre-temps (version actuelle {currentVersion}) : rechargez puis recommencez.",
        extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public static IResult UnsupportedMediaType(string expected) => Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Type de contenu non pris en charge", detail: $"Envoyez le corps en {expected}.");

    public static IResult TooLarge(long limit) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Corps trop volumineux", detail: $"Le corps de la requête dépasse {limit} octets.");

    public static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>For middleware that answers before an endpoint runs (authentication).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json");
    }
}
