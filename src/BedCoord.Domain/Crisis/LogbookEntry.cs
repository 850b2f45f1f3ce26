using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// One line of a scope's main courante (api-v1 § Crisis cell, Entry). Never changed once written: a correction is a
/// new entry naming this one in <see cref="Corrects"/>. <see cref="Data"/> is a JSON text (figures of the moment, a
/// point de situation) kept byte for byte, because the hash covers it.
/// </summary>
public sealed record LogbookEntry(
    string Id,
    long Seq,
    string Kind,
    ScopeKind Scope,
    string ScopeId,
    string Text,
    string? Source,
    DateTimeOffset? EventAt,
    string? Check,
    string? Corrects,
    string Author,
    string Role,
    DateTimeOffset At,
    string? Link,
    string? Data,
    string Hash,
    string PrevHash);

/// <summary>What an author (or the system) asks to append; the store stamps id, sequence, time and hashes.</summary>
public sealed record LogbookDraft(
    ScopeRef Scope,
    string Kind,
    string Text,
    string? Source,
    DateTimeOffset? EventAt,
    string? Check,
    string? Corrects,
    string Author,
    string Role,
    string? Link = null,
    string? Data = null);
