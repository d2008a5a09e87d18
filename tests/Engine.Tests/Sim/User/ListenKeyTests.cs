using System.Text.Json;
using Engine.Sim;
using Engine.Sim.User;

namespace Engine.Tests.Sim.User;

/// <summary>
/// <c>POST/PUT/DELETE /fapi/v1/listenKey</c> against Binance's rules (binance-usdm §11.3) and its recorded responses
/// (Binance.Net's Account_*UserStream fixtures; PUT against the USD-M page's example).
/// </summary>
public class ListenKeyTests
{
    [Fact]
    public async Task Post_ReturnsA64CharacterKey_ShapedAsBinancesResponse()
    {
        await using var host = await UserSimHost.StartAsync();
        (int status, string body) = await host.ListenKeyAsync(HttpMethod.Post);

        Assert.Equal(200, status);
        JsonShape.AssertSame(BinanceFixtures.RestBody("Account_StartUserStream.txt"), body);
        string key = JsonDocument.Parse(body).RootElement.GetProperty("listenKey").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{64}$", key);
    }

    [Fact]
    public async Task Post_WhileTheKeyIsValid_ReturnsTheSameKey_AndAnotherAccountGetsItsOwn()
    {
        await using var host = await UserSimHost.StartAsync();
        string first = await host.NewListenKeyAsync();
        string second = await host.NewListenKeyAsync();
        string other = await host.NewListenKeyAsync("another-account");

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, host.Exchange.UserStreamStats.ListenKeysCreated);
        Assert.Equal(1, host.Exchange.UserStreamStats.Keepalives);
    }

    [Fact]
    public async Task Put_ExtendsTheActiveKey_AndWithoutOneAnswers1125()
    {
        await using var host = await UserSimHost.StartAsync();
        (int noKeyStatus, string noKeyBody) = await host.ListenKeyAsync(HttpMethod.Put);
        Assert.Equal(400, noKeyStatus);
        Assert.Equal(-1125, JsonDocument.Parse(noKeyBody).RootElement.GetProperty("code").GetInt32());

        string key = await host.NewListenKeyAsync();
        (int status, string body) = await host.ListenKeyAsync(HttpMethod.Put);
        Assert.Equal(200, status);
        Assert.Equal(key, JsonDocument.Parse(body).RootElement.GetProperty("listenKey").GetString());
        // Binance's USD-M "Keepalive User Data Stream" example: {"listenKey": "3HBntNTepshgEdjIwSUIBgB9keLyOCg5qv3n6bYAtktG8ejcaW5HXz9Vx1JgIieg"}
        JsonShape.AssertSame("{\"listenKey\":\"3HBntNTepshgEdjIwSUIBgB9keLyOCg5qv3n6bYAtktG8ejcaW5HXz9Vx1JgIieg\"}", body);
    }

    [Fact]
    public async Task Delete_AnswersAnEmptyObject_AndTheKeyIsGone()
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();

        (int status, string body) = await host.ListenKeyAsync(HttpMethod.Delete);
        Assert.Equal(200, status);
        JsonShape.AssertSame(BinanceFixtures.RestBody("Account_StopUserStream.txt"), body);
        Assert.Equal("{}", body);

        (int putStatus, _) = await host.ListenKeyAsync(HttpMethod.Put);
        Assert.Equal(400, putStatus);
        Assert.NotEqual(key, await host.NewListenKeyAsync());
    }

    [Fact]
    public async Task WithoutTheApiKeyHeader_IsRefusedWith2014()
    {
        await using var host = await UserSimHost.StartAsync();
        (int status, string body) = await host.ListenKeyAsync(HttpMethod.Post, apiKey: null);

        Assert.Equal(401, status);
        Assert.Equal(-2014, JsonDocument.Parse(body).RootElement.GetProperty("code").GetInt32());
        Assert.Equal(0, host.Exchange.UserStreamStats.ListenKeysCreated);
    }

    [Fact]
    public async Task AnUnknownApiKey_IsRefusedWith2015_AndTheWeightHeaderIsSet()
    {
        await using var host = await UserSimHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/listenKey");
        request.Headers.Add("X-MBX-APIKEY", "nobody");
        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(-2015, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        Assert.Equal("1", response.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single()); // USER_STREAM weight 1
    }

    [Fact]
    public void Validity_Runs60MinutesFromTheLastKeepalive()
    {
        var keys = new ListenKeys();
        TimeSpan hour = new SimOptions().User.ListenKeyValidity;
        Assert.Equal(TimeSpan.FromMinutes(60), hour);
        const long Minute = 60_000;

        keys.CreateOrExtend("a", 0, hour, out _);
        Assert.NotNull(keys.KeepAlive("a", 50 * Minute, hour));

        Assert.Empty(keys.RemoveExpired(60 * Minute)); // would have expired here without the keepalive
        Assert.Empty(keys.RemoveExpired((110 * Minute) - 1));
        ListenKey expired = Assert.Single(keys.RemoveExpired(110 * Minute));
        Assert.Equal("a", expired.ApiKey);
        Assert.Null(keys.Find(expired.Value));
        Assert.Null(keys.KeepAlive("a", 110 * Minute, hour)); // -1125 until a new POST
    }

    [Fact]
    public void Post_OnAnActiveKey_ExtendsIt()
    {
        var keys = new ListenKeys();
        var hour = TimeSpan.FromMinutes(60);
        ListenKey first = keys.CreateOrExtend("a", 0, hour, out bool created);
        Assert.True(created);
        ListenKey again = keys.CreateOrExtend("a", 30 * 60_000, hour, out created);

        Assert.False(created);
        Assert.Same(first, again);
        Assert.Equal(90 * 60_000, again.ExpiresAtMs);
    }
}
