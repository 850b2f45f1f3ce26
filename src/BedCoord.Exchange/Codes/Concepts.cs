using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Codes;

/// <summary>Codings with their display (the SDK's CodeableConcept(system, code, text) puts the third argument in text).</summary>
public static class Concepts
{
    public static CodeableConcept Of(string system, CodeEntry entry) => Of(system, entry.Code, entry.Display);

    public static CodeableConcept Of(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)] };
}
