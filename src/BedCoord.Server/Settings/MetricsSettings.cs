using System.ComponentModel.DataAnnotations;

namespace BedCoord.Server.Settings;

/// <summary>The "Metrics" section: OpenTelemetry metrics and traces, the Prometheus scrape, the Orleans dashboard.</summary>
public sealed class MetricsSettings : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>Serve the Prometheus scrape at <see cref="Path"/>.</summary>
    public bool Prometheus { get; set; } = true;

    [RegularExpression("^/[a-z0-9/_-]*$", ErrorMessage = "a path starting with /, e.g. /metrics")]
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// The scrape needs a token with the admin role. False only together with <see cref="Port"/>: a port that only
    /// the monitoring network reaches, where Prometheus scrapes without a token.
    /// </summary>
    public bool RequireAdmin { get; set; } = true;

    /// <summary>A separate port for the scrape (e.g. 9464); unset: the scrape is on the API's port.</summary>
    [Range(1, 65535, ErrorMessage = "a TCP port between 1 and 65535, or leave it unset")]
    public int? Port { get; set; }

    /// <summary>OTLP collector (e.g. http://otel-collector:4317): metrics and traces are pushed there when set.</summary>
    [Url(ErrorMessage = "an absolute URL such as http://otel-collector:4317")]
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (port 4317, the default) or "http/protobuf" (port 4318).</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "grpc or http/protobuf")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// The Orleans Dashboard at <see cref="DashboardPath"/>, for admins. Off by default: it profiles every grain
    /// call, which costs CPU on the write path; turn it on while investigating.
    /// </summary>
    public bool Dashboard { get; set; }

    [RegularExpression("^/[a-z0-9/_-]*$", ErrorMessage = "a path starting with /, e.g. /orleans")]
    public string DashboardPath { get; set; } = "/orleans";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RequireAdmin && Port is null)
            yield return new ValidationResult("false only with Metrics:Port set (an open scrape on the API's port would publish the grid's activity)", [nameof(RequireAdmin)]);
    }
}
