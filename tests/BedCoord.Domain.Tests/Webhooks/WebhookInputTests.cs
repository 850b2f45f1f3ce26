using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tests.Territory;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Webhooks;
using Xunit;

namespace BedCoord.Domain.Tests.Webhooks;

public sealed class WebhookInputTests
{
    private static readonly WebhookOptions Options = new();

    private static (ValidWebhook? Valid, FieldErrors Errors) Check(WebhookInput input)
    {
        var errors = new FieldErrors();
        return (input.Validate(Options, TestTerritory.Catalog, errors), errors);
    }

    [Fact]
    public void A_complete_subscription_is_accepted_with_a_generated_secret_and_the_default_interval()
    {
        var (valid, errors) = Check(new WebhookInput("https://sih.exemple.fr/hook?x=1", "department/31", "fhir", null, null));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(new ScopeRef(ScopeKind.Department, "31"), valid!.Scope);
        Assert.Equal(60, valid.IntervalSeconds);
        Assert.True(valid.SecretGenerated);
        Assert.StartsWith("whsec_", valid.Secret);
        Assert.True(valid.Secret.Length >= 40);
        Assert.NotEqual(valid.Secret, Check(new WebhookInput("https://a.fr/", "department/31", "fhir", null, null)).Valid!.Secret);
    }

    [Fact]
    public void The_colon_form_of_a_scope_and_a_given_secret_are_kept()
    {
        var (valid, _) = Check(new WebhookInput("http://127.0.0.1:9000/", "sector:OUEST", "have", 30, "a-secret-of-16-chars"));
        Assert.Equal(new ScopeRef(ScopeKind.Sector, "OUEST"), valid!.Scope);
        Assert.Equal(("a-secret-of-16-chars", false), (valid.Secret, valid.SecretGenerated));
    }

    [Theory]
    [InlineData("/relative/hook", "url")]
    [InlineData("ftp://files.exemple.fr/hook", "url")]
    [InlineData("file:///etc/passwd", "url")]
    [InlineData("https://user:pw@exemple.fr/hook", "url")]
    [InlineData("", "url")]
    public void A_bad_url_is_refused_naming_url(string url, string field)
    {
        var (valid, errors) = Check(new WebhookInput(url, "department/31", "json", null, null));
        Assert.Null(valid);
        Assert.True(errors.Has(field), errors.ToString());
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var (valid, errors) = Check(new WebhookInput(null, "unit/x", "xml", 1, "short"));
        Assert.Null(valid);
        foreach (var field in new[] { "url", "scope", "format", "intervalSeconds", "secret" }) Assert.True(errors.Has(field), field);
        Assert.True(Check(new WebhookInput("https://a.fr/", "department/99", "json", null, null)).Errors.Has("scope"));
        Assert.True(Check(new WebhookInput("https://a.fr/", "department/31", "json", 86_401, null)).Errors.Has("intervalSeconds"));
        Assert.True(Check(new WebhookInput("https://a.fr/", "department/31", "json", null, "sixteen chars ok")).Errors.Has("secret"), "a space is refused");
    }

    [Fact]
    public void Coordinators_subscribe_within_their_sectors_supervisors_within_their_region_bed_managers_never()
    {
        var t = TestTerritory.Catalog;
        var coordinator = new Caller("c", Roles.Coordinator, new HashSet<string>(), new HashSet<string> { "OUEST" }, "OCC");
        Assert.True(WritePolicy.Allows(coordinator, WriteKind.Webhook, TestTerritory.Department("31"), t));
        Assert.True(WritePolicy.Allows(coordinator, WriteKind.Webhook, TestTerritory.Sector("OUEST"), t));
        Assert.False(WritePolicy.Allows(coordinator, WriteKind.Webhook, TestTerritory.Region("OCC"), t));
        Assert.False(WritePolicy.Allows(coordinator, WriteKind.Webhook, TestTerritory.Department("12"), t));
        var supervisor = new Caller("s", Roles.Supervisor, new HashSet<string>(), new HashSet<string>(), "OCC");
        Assert.True(WritePolicy.Allows(supervisor, WriteKind.Webhook, TestTerritory.Region("OCC"), t));
        Assert.False(WritePolicy.Allows(supervisor, WriteKind.Webhook, TestTerritory.Region("COR"), t));
        var manager = new Caller("m", Roles.BedManager, new HashSet<string> { TestTerritory.ChuToulouse }, new HashSet<string>(), "OCC");
        Assert.False(WritePolicy.Allows(manager, WriteKind.Webhook, TestTerritory.Establishment(TestTerritory.ChuToulouse), t));
    }
}
