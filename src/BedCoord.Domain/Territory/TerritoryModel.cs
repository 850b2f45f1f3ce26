namespace BedCoord.Domain.Territory;

// The reference structure of the grid (domain.md §1). It is data, loaded and imported, never code.

[GenerateSerializer, Immutable, Alias("bedcoord.territory")]
public sealed record TerritoryDocument(
    [property: Id(0)] IReadOnlyList<RegionInfo> Regions,
    [property: Id(1)] long Version)
{
    public static readonly TerritoryDocument Empty = new([], 0);
}

[GenerateSerializer, Immutable, Alias("bedcoord.region-info")]
public sealed record RegionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<SectorInfo> Sectors);

[GenerateSerializer, Immutable, Alias("bedcoord.sector-info")]
public sealed record SectorInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<DepartmentInfo> Departments);

[GenerateSerializer, Immutable, Alias("bedcoord.department-info")]
public sealed record DepartmentInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] int? Population,
    [property: Id(3)] IReadOnlyList<EstablishmentInfo> Establishments);

[GenerateSerializer, Immutable, Alias("bedcoord.establishment-info")]
public sealed record EstablishmentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Category,
    [property: Id(3)] string DepartmentCode,
    [property: Id(4)] double? Latitude,
    [property: Id(5)] double? Longitude,
    [property: Id(6)] bool EmergencyDepartment,
    [property: Id(7)] IReadOnlyList<UnitInfo> Units);

[GenerateSerializer, Immutable, Alias("bedcoord.unit-info")]
public sealed record UnitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Category);
