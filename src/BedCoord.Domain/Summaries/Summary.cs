using System.Text.Json.Serialization;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Summaries;

/// <summary>
/// The live state of one scope as api-v1.md describes it: totals, per group, per category,
/// emergency figures, BJML, freshness and levels. Units add category, version, updatedBy and stale.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.summary")]
public sealed record Summary(
    [property: Id(0)] ScopeKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] int ComputedLevel,
    [property: Id(5)] int? DeclaredLevel,
    [property: Id(6)] Declaration? Declaration,
    [property: Id(7)] BedFigures Beds,
    [property: Id(8)] IReadOnlyDictionary<string, BedFigures> Groups,
    [property: Id(9)] IReadOnlyDictionary<string, BedFigures> Categories,
    [property: Id(10)] int EdWaitingForBed,
    [property: Id(11)] int BedBlockers,
    [property: Id(12)] BjmlFigures? Bjml,
    [property: Id(13)] Freshness Freshness,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] long Revision,
    [property: Id(16), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category = null,
    [property: Id(17), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Version = null,
    [property: Id(18), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdatedBy = null,
    [property: Id(19), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Stale = null,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Contact? Contact = null,
    [property: Id(21), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Summary>? Children = null,
    [property: Id(22), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BedBlockersSource = null,
    [property: Id(23), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? BedBlockersByDestination = null,
    [property: Id(24), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? BedBlockersByWait = null,
    [property: Id(25), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Contact>? Contacts = null)
{
    public int Level => Math.Max(ComputedLevel, DeclaredLevel ?? TensionLevel.Normal);
    public string LevelName => TensionLevel.Name(Level);

    /// <summary>True when the figures a reader sees differ (levels, counts, freshness), not only the stamp.</summary>
    public bool SameFiguresAs(Summary? other) =>
        other is not null
        && other.Name == Name && other.ParentId == ParentId
        && other.ComputedLevel == ComputedLevel && other.DeclaredLevel == DeclaredLevel && Equals(other.Declaration, Declaration)
        && other.Beds == Beds && other.EdWaitingForBed == EdWaitingForBed && other.BedBlockers == BedBlockers
        && Equals(other.Bjml, Bjml) && other.Freshness == Freshness && Equals(other.Contact, Contact)
        && SameEntries(other.Groups, Groups) && SameEntries(other.Categories, Categories)
        && other.BedBlockersSource == BedBlockersSource
        && SameCounts(other.BedBlockersByDestination, BedBlockersByDestination) && SameCounts(other.BedBlockersByWait, BedBlockersByWait)
        && (other.Contacts ?? []).SequenceEqual(Contacts ?? [])
        && other.Version == Version && other.Stale == Stale;

    private static bool SameCounts(IReadOnlyDictionary<string, int>? a, IReadOnlyDictionary<string, int>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static bool SameEntries(IReadOnlyDictionary<string, BedFigures> a, IReadOnlyDictionary<string, BedFigures> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>
/// Who to call about beds in an establishment (shown by search and the board). <see cref="BedManager"/> is the
/// person's name (the field's name predates the list of contacts); <see cref="Role"/> what they are on duty as.
/// <see cref="From"/>/<see cref="To"/> ("HH:mm", Europe/Paris) are the hours covered, overnight when To ≤ From,
/// all day when absent; <see cref="Days"/> the ISO weekdays (1 = Monday) a range starts on, every day when absent.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.contact")]
public sealed record Contact(
    [property: Id(0)] string? BedManager,
    [property: Id(1)] string? Phone,
    [property: Id(2)] string? Hours,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Days = null)
{
    public bool Equals(Contact? other) =>
        other is not null && BedManager == other.BedManager && Phone == other.Phone && Hours == other.Hours && Role == other.Role
        && From == other.From && To == other.To && (Days ?? []).SequenceEqual(other.Days ?? []);

    public override int GetHashCode() => HashCode.Combine(BedManager, Phone, Hours, Role, From, To);
}
