using System.Text.Json;
using Orleans.Storage;

namespace BedCoord.Persistence.Tests;

public sealed class SerializerTests
{
    private sealed record WardCapacity(string WardId, int OpenBeds, IReadOnlyList<string> ClosedBeds, DateTimeOffset AsOf);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_record_round_trips()
    {
        var serializer = new StableJsonGrainStorageSerializer(Json);
        var state = new WardCapacity("ward-12", 3, ["b1", "b7"], new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero));

        var back = serializer.Deserialize<WardCapacity>(serializer.Serialize(state));

        Assert.NotNull(back);
        Assert.Equal(state.WardId, back.WardId);
        Assert.Equal(state.OpenBeds, back.OpenBeds);
        Assert.Equal(state.ClosedBeds, back.ClosedBeds);
        Assert.Equal(state.AsOf, back.AsOf);
    }

    [Fact]
    public void The_payload_is_camel_case_utf8_json_without_dotnet_type_names()
    {
        var serializer = new StableJsonGrainStorageSerializer(Json);

        var payload = serializer.Serialize(new WardCapacity("ward-12", 3, [], DateTimeOffset.UnixEpoch)).ToString();

        using var doc = JsonDocument.Parse(payload);
        Assert.Equal(3, doc.RootElement.GetProperty("openBeds").GetInt32());
        Assert.DoesNotContain("$type", payload);
        Assert.DoesNotContain(nameof(WardCapacity), payload);
        Assert.DoesNotContain("BedCoord", payload);
    }

    [Fact]
    public void Later_changes_to_the_callers_options_do_not_change_the_stored_format()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var serializer = new StableJsonGrainStorageSerializer(options);

        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

        Assert.Contains("\"openBeds\"", serializer.Serialize(new WardCapacity("w", 1, [], default)).ToString());
    }
}
