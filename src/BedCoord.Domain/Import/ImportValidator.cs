using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Import;

/// <summary>Turns an import document into an <see cref="ImportPlan"/>, or field errors named by JSON path.</summary>
public static class ImportValidator
{
    public static ImportPlan? Validate(TerritoryImport? doc, FieldErrors errors)
    {
        if (doc?.Regions is not { Count: > 0 } regions)
        {
            errors.Add("regions", "Le document doit contenir au moins une région.");
            return null;
        }

        var initial = new Dictionary<string, BedFigures>(StringComparer.Ordinal);
        var seenSectors = new HashSet<string>();
        var seenDepartments = new HashSet<string>();
        var seenEstablishments = new HashSet<string>();
        var result = new List<RegionInfo>();

        for (var r = 0; r < regions.Count; r++)
        {
            var region = regions[r];
            var rp = $"regions[{r}]";
            Code(region.Id, $"{rp}.id", Identifiers.IsCode, "un code en majuscules (ex. OCC)", errors);
            Name(region.Name, $"{rp}.name", errors);
            var sectors = new List<SectorInfo>();
            foreach (var (sector, s) in (region.Sectors ?? []).Select((x, i) => (x, i)))
            {
                var sp = $"{rp}.sectors[{s}]";
                if (Code(sector.Id, $"{sp}.id", Identifiers.IsCode, "un code en majuscules (ex. NORD)", errors) && !seenSectors.Add(sector.Id!))
                    errors.Add($"{sp}.id", $"Le secteur {sector.Id} apparaît deux fois.");
                Name(sector.Name, $"{sp}.name", errors);
                var departments = new List<DepartmentInfo>();
                foreach (var (dept, d) in (sector.Departments ?? []).Select((x, i) => (x, i)))
                {
                    var dp = $"{sp}.departments[{d}]";
                    if (Code(dept.Code, $"{dp}.code", Identifiers.IsDepartmentCode, "un code INSEE (ex. 31, 2A, 971)", errors) && !seenDepartments.Add(dept.Code!))
                        errors.Add($"{dp}.code", $"Le département {dept.Code} apparaît deux fois.");
                    Name(dept.Name, $"{dp}.name", errors);
                    if (dept.Population is < 0) errors.Add($"{dp}.population", "La population ne peut pas être négative.");
                    var establishments = new List<EstablishmentInfo>();
                    foreach (var (est, e) in (dept.Establishments ?? []).Select((x, i) => (x, i)))
                    {
                        var ep = $"{dp}.establishments[{e}]";
                        if (Code(est.Id, $"{ep}.id", Identifiers.IsFiness, "un FINESS géographique de 9 caractères", errors) && !seenEstablishments.Add(est.Id!))
                            errors.Add($"{ep}.id", $"L'établissement {est.Id} apparaît deux fois.");
                        Name(est.Name, $"{ep}.name", errors);
                        if (est.Latitude is < -90 or > 90) errors.Add($"{ep}.latitude", "La latitude doit être comprise entre -90 et 90.");
                        if (est.Longitude is < -180 or > 180) errors.Add($"{ep}.longitude", "La longitude doit être comprise entre -180 et 180.");
                        var units = new List<UnitInfo>();
                        var seenUnits = new HashSet<string>();
                        foreach (var (unit, u) in (est.Units ?? []).Select((x, i) => (x, i)))
                        {
                            var up = $"{ep}.units[{u}]";
                            if (Code(unit.Id, $"{up}.id", Identifiers.IsUnitSlug, "un identifiant [a-z0-9-] de 1 à 40 caractères", errors) && !seenUnits.Add(unit.Id!))
                                errors.Add($"{up}.id", $"Le service {unit.Id} apparaît deux fois dans l'établissement.");
                            Name(unit.Name, $"{up}.name", errors);
                            if (!BedCategory.TryGet(unit.Category, out _))
                                errors.Add($"{up}.category", $"Catégorie inconnue « {unit.Category} » (attendu : {string.Join(", ", BedCategory.All.Select(c => c.Code))}).");
                            if (unit.Initial is not null)
                            {
                                var unitErrors = new FieldErrors();
                                var figures = unit.Initial.Validate(unitErrors);
                                foreach (var (field, messages) in unitErrors.ToDictionary())
                                    foreach (var m in messages) errors.Add($"{up}.initial.{field}", m);
                                if (figures is not null && est.Id is not null && unit.Id is not null)
                                    initial[Identifiers.UnitKey(est.Id, unit.Id)] = figures;
                            }
                            units.Add(new UnitInfo(unit.Id ?? "", unit.Name ?? "", unit.Category ?? ""));
                        }
                        establishments.Add(new EstablishmentInfo(est.Id ?? "", est.Name ?? "", est.Category ?? "", dept.Code ?? "",
                            est.Latitude, est.Longitude, est.EmergencyDepartment ?? false, units));
                    }
                    departments.Add(new DepartmentInfo(dept.Code ?? "", dept.Name ?? "", dept.Population, establishments));
                }
                sectors.Add(new SectorInfo(sector.Id ?? "", sector.Name ?? "", departments));
            }
            result.Add(new RegionInfo(region.Id ?? "", region.Name ?? "", sectors));
        }
        return errors.IsEmpty ? new ImportPlan(new TerritoryDocument(result, 0), initial) : null;
    }

    private static bool Code(string? value, string path, Func<string?, bool> shape, string expected, FieldErrors errors)
    {
        if (shape(value)) return true;
        errors.Add(path, value is null ? "Champ obligatoire." : $"« {Truncate(value)} » n'est pas valide : attendu {expected}.");
        return false;
    }

    private static void Name(string? value, string path, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(path, "Un nom est obligatoire.");
        else if (value.Length > 200) errors.Add(path, "Le nom ne doit pas dépasser 200 caractères.");
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
