using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Import;

// The documented import format (docs/IMPORT.md): the territory tree in JSON, each unit optionally with
// the bed state it starts with. Every field is nullable so that a missing one is reported by its path.

public sealed record TerritoryImport(List<RegionImport>? Regions);

public sealed record RegionImport(string? Id, string? Name, List<SectorImport>? Sectors);

public sealed record SectorImport(string? Id, string? Name, List<DepartmentImport>? Departments);

public sealed record DepartmentImport(string? Code, string? Name, int? Population, List<EstablishmentImport>? Establishments);

public sealed record EstablishmentImport(
    string? Id, string? Name, string? Category, double? Latitude, double? Longitude, bool? EmergencyDepartment,
    List<UnitImport>? Units);

public sealed record UnitImport(string? Id, string? Name, string? Category, BedInput? Initial);
