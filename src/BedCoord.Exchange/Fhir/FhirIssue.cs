using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>One refusal: which element (FHIRPath), why (in French, for the sender's operators), and its FHIR issue type.</summary>
public sealed record FhirIssue(string Expression, string Message, OperationOutcome.IssueType Type = OperationOutcome.IssueType.Invalid);

/// <summary>OperationOutcomes built from issues.</summary>
public static class Outcomes
{
    public static OperationOutcome Of(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = issues.Select(i => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = i.Type,
            Diagnostics = i.Message,
            Expression = [i.Expression],
        }).ToList(),
    };

    public static OperationOutcome Error(OperationOutcome.IssueType type, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = message }],
    };

    public static OperationOutcome Information(string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = message }],
    };
}
