using System.Text.Json;
using BedCoord.Domain.Tension;

namespace BedCoord.Server.Api;

// Answers that used to be anonymous objects, typed so that the OpenAPI contract carries their schema.
// The JSON field names are unchanged.

/// <summary>GET …/thresholds: the rule set in force, the scope it comes from, and whether it is the scope's own.</summary>
public sealed record ThresholdsAnswer(RuleSet Effective, ScopeIdAnswer InheritedFrom, bool Own);

public sealed record ScopeIdAnswer(string Kind, string Id);

public sealed record DevTokenAnswer(string Token, DateTimeOffset ExpiresAt);

public sealed record LiveAnswer(string Status);

public sealed record ReadyAnswer(string Status, long TerritoryVersion, [property: System.ComponentModel.Description("\"empty\" while nothing is imported (a valid state), else \"loaded\"")] string Territory);

public sealed record ImportedAnswer(int Imported);

/// <summary>One line of the audit trail; before/after are the JSON the write recorded.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string Role, string Action, string Scope, string ScopeId,
    JsonElement? Before, JsonElement? After, string? RequestId);
