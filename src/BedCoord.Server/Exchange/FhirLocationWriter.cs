using BedCoord.Server.Auth;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Fhir;
using BedCoord.Grains.Abstractions;
using BedCoord.Server.Api;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>A Location update that passed every check: the unit, its new figures and the version it was checked against.</summary>
public sealed record PreparedWrite(string LocationId, ScopeRef Unit, string Finess, string UnitId, BedFigures Figures, long CheckedVersion, long? ExpectedVersion);

/// <summary>A refusal: its HTTP status and the issues naming the elements.</summary>
public sealed record WriteRefusal(int Status, IReadOnlyList<FhirIssue> Issues);

/// <summary>
/// Applies ROR-style Location updates through the unit write path of the JSON API (exchange.md §0b): the same
/// scope check (WriteGuard), the same bounds (BedInput.Validate), the same grain call with If-Match, the same audit.
/// Checking is separate from applying, so that a transaction checks every entry before it writes any.
/// </summary>
public sealed class FhirLocationWriter(BedCoord.Grains.Territory.TerritoryCatalogHolder territory, IGrainFactory grains, WriteGuard guard)
{
    public async Task<(PreparedWrite? Write, WriteRefusal? Refusal)> PrepareAsync(HttpContext http, Location location, string path, string? urlId, string? ifMatch)
    {
        if (urlId is not null && location.Id != urlId)
            return Refuse(StatusCodes.Status400BadRequest, $"{path}.id", $"L'id de la ressource (« {location.Id} ») doit être celui de l'URL (« {urlId} »).");
        if (!LocationIds.TryParse(location.Id, out var finess, out var unitId) || territory.Current.Unit(finess, unitId) is null)
            return Refuse(StatusCodes.Status404NotFound, $"{path}.id", $"Location/{location.Id} n'est pas un service connu ({{finess}}-{{service}}).", OperationOutcome.IssueType.NotFound);
        var unit = new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(finess, unitId));
        if (guard.Authorize(http, WriteKind.EstablishmentFigures, unit) is not null)
            return Refuse(StatusCodes.Status403Forbidden, path, $"Votre rôle ou votre périmètre ne permet pas de modifier Location/{location.Id}.", OperationOutcome.IssueType.Forbidden);

        // If-Match (header or entry.request.ifMatch) wins over meta.versionId, as for a FHIR update.
        var versionText = ifMatch ?? location.Meta?.VersionId;
        long? expected = null;
        if (versionText is not null)
        {
            if (!ETags.TryParseIfMatch(versionText, out expected))
                return Refuse(StatusCodes.Status400BadRequest, ifMatch is null ? $"{path}.meta.versionId" : "If-Match",
                    $"La version attendue doit être un entier, par exemple W/\"7\" (reçu « {versionText} »).");
        }

        var issues = new List<FhirIssue>();
        var capacity = LocationCapacityReader.Read(location, path, issues);
        if (issues.Count > 0) return (null, new WriteRefusal(StatusCodes.Status400BadRequest, issues));

        var current = await grains.Unit(finess, unitId).GetSummary(false);
        var errors = new FieldErrors();
        var figures = capacity.ToBedInput(current.Beds.ExpectedDischarges).Validate(errors);
        if (figures is null)
        {
            var bounds = errors.ToDictionary().SelectMany(kv => kv.Value.Select(m =>
                new FhirIssue(LocationCapacityReader.ExpressionOf(path, location, kv.Key), m, OperationOutcome.IssueType.BusinessRule)));
            return (null, new WriteRefusal(StatusCodes.Status422UnprocessableEntity, bounds.ToList()));
        }
        var version = current.Version ?? 0;
        if (expected is { } e && e != version)
            return Refuse(StatusCodes.Status412PreconditionFailed, ifMatch is null ? $"{path}.meta.versionId" : "If-Match",
                $"Location/{location.Id} a été modifié entre-temps (version actuelle {version}, attendue {e}) : relisez puis recommencez.", OperationOutcome.IssueType.Conflict);
        return (new PreparedWrite(LocationIds.Of(finess, unitId), unit, finess, unitId, figures, version, expected), null);
    }

    /// <summary>
    /// Writes one prepared update. <paramref name="strict"/> (transactions) requires the version seen when checking,
    /// so that nothing written by someone else in between is overwritten by a transaction that then has to undo.
    /// </summary>
    public async Task<BedWriteResult> ApplyAsync(HttpContext http, PreparedWrite write, bool strict)
    {
        var caller = http.User.SubjectName();
        var result = await grains.Unit(write.Finess, write.UnitId).UpdateBeds(write.Figures, strict ? write.CheckedVersion : write.ExpectedVersion, caller);
        if (result.Outcome == BedWriteOutcome.Updated)
            await guard.RecordAsync(http, "unit.beds", write.Unit, result.Before, write.Figures);
        return result;
    }

    /// <summary>Puts back what a failed transaction had written, unless someone has written since (then theirs stands).</summary>
    public async Task UndoAsync(HttpContext http, PreparedWrite write, BedWriteResult applied)
    {
        if (applied.Before is null) return;
        var caller = http.User.SubjectName();
        var undone = await grains.Unit(write.Finess, write.UnitId).UpdateBeds(applied.Before, applied.CurrentVersion, caller);
        if (undone.Outcome == BedWriteOutcome.Updated)
            await guard.RecordAsync(http, "unit.beds", write.Unit, write.Figures, applied.Before);
    }

    private static (PreparedWrite?, WriteRefusal?) Refuse(int status, string expression, string message, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid) =>
        (null, new WriteRefusal(status, [new FhirIssue(expression, message, type)]));
}
