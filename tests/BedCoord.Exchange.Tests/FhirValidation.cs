using BedCoord.Exchange.Tests.Profiles;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace BedCoord.Exchange.Tests;

/// <summary>
/// The SDK's profile validator over base R4 (specification.zip of Hl7.Fhir.Specification.Data.R4) and the SANER
/// profile transcribed in <see cref="SanerProfile"/>; offline. Built once, as loading the spec takes seconds.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(Create);
    // The snapshot generator behind the SANER profile is not thread-safe, and xUnit runs classes in parallel.
    private static readonly Lock Gate = new();

    private static Validator Create()
    {
        var spec = ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(spec, new InMemoryResourceResolver(SanerProfile.Build()))));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    }

    /// <summary>The errors (and fatal issues) the validator finds: empty when the resource conforms to its declared profiles.</summary>
    public static IReadOnlyList<string> Errors(Resource resource, string? profile = null)
    {
        OperationOutcome outcome;
        lock (Gate) outcome = Shared.Value.Validate(resource, profile);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }

    /// <summary>Every issue, warnings included (to show what base validation says about the ROR extension).</summary>
    public static IReadOnlyList<string> Issues(Resource resource)
    {
        lock (Gate) return Shared.Value.Validate(resource, null).Issue.Select(i => $"{i.Severity} {string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}").ToList();
    }
}

public static class ValidAssert
{
    /// <summary>
    /// SDK 6.8 shares some POCO elements between releases with their R5 type (Bundle.link.relation as code,
    /// CapabilityStatement.implementation.description as markdown) where R4 declares a string; the validator then flags
    /// the element whatever its value. The serialised text is the same, so only these exact mismatches are set aside.
    /// </summary>
    public static bool IsSdkTypeMismatch(string error) =>
        (error.Contains(".relation[0]: ") || error.Contains(".implementation[0].description[0]: "))
        && error.Contains("The declared type of the element (string) is incompatible with that of the instance (");

    public static void ConformsBut(Hl7.Fhir.Model.Resource resource, Func<string, bool> known)
    {
        var errors = FhirValidation.Errors(resource).Where(e => !known(e)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Fails with every error in full (the collection printer truncates them).</summary>
    public static void Conforms(Hl7.Fhir.Model.Resource resource, string? profile = null)
    {
        var errors = FhirValidation.Errors(resource, profile);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
