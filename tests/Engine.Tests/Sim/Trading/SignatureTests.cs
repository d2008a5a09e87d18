using System.Net;
using System.Net.Http;
using System.Text;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;
using NSec.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// Request signatures against published references: Binance's USD-M "SIGNED Endpoint Examples for POST
/// /fapi/v1/order" (HMAC keys, examples 1 to 3), RFC 8032 §7.1 test 1 for Ed25519, and requests signed by an
/// independent Ed25519 implementation (BouncyCastle).
/// </summary>
public sealed class SignatureTests
{
    // Binance's documented example key pair and request (developers.binance.com, USD-M futures, General Info).
    private const string DocApiKey = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    private const string DocSecret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    private const string DocQuery = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
    private const string DocSignature = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";
    private const long DocTimestamp = 1591702613943;

    // RFC 8032 §7.1, TEST 1 (empty message).
    private const string RfcSecret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string RfcPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string RfcSignature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void HmacHex_BinanceExample1_IsThePublishedSignature() =>
        Assert.Equal(DocSignature, RequestAuth.HmacHex(DocSecret, DocQuery));

    [Fact]
    public void RestPayload_Example3_QueryThenBodyWithNoAmpersand_IsThePublishedSignature()
    {
        // The page's example 3 signs "…timeInForce=GTC" + "quantity=1&…" with no '&' between the two parts; its echo
        // command (and so its published signature) has a space after "timestamp=", kept here byte for byte.
        string payload = RequestAuth.RestPayload("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC", "quantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943&signature=x", out string? signature);
        Assert.Equal("x", signature);
        Assert.Equal("f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2", RequestAuth.HmacHex(DocSecret, payload));
    }

    [Theory]
    [InlineData("a=1&signature=abc&b=2", "a=1&b=2")]
    [InlineData("signature=abc&b=2", "b=2")]
    [InlineData("a=1&signature=abc", "a=1")]
    public void RestPayload_CutsTheSignatureParameterWherever_ItIs(string query, string expected)
    {
        Assert.Equal(expected, RequestAuth.RestPayload(query, "", out string? signature));
        Assert.Equal("abc", signature);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DocumentedRequest_AsQueryOrBody_IsAcceptedByTheSim(bool asBody)
    {
        // The documented request carries a 2020 timestamp: the server clock is skewed back to it.
        var faults = new SimFaults();
        faults.Clock.SkewMs = DocTimestamp + 100 - TapeClock.WallClockMs;
        string accounts = $$$"""{"accounts":[{"apiKey":"{{{DocApiKey}}}","secretKey":"{{{DocSecret}}}","balances":{"USDT":"100000"}}]}""";
        await using var h = await TradingHarness.StartAsync(faults, accountsJson: accounts);
        string signed = DocQuery + "&signature=" + DocSignature;
        using var request = asBody
            ? new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/order") { Content = new StringContent(signed, Encoding.ASCII, "application/x-www-form-urlencoded") }
            : new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/order?" + signed);
        request.Headers.Add("X-MBX-APIKEY", DocApiKey);
        using HttpResponseMessage response = await h.Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"status\":\"NEW\"", body, StringComparison.Ordinal);
        Assert.Contains("\"price\":\"9000.00\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Ed25519_Rfc8032Test1_SignsAndVerifiesAsPublished()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(RfcSecret), KeyBlobFormat.RawPrivateKey);
        Assert.Equal(RfcPublic, Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        Assert.Equal(RfcSignature, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [])));

        // The sim's check: the RFC public key as the PEM an accounts file holds, the RFC signature in base64.
        SimAccount account = AccountWithPem(PemOf(Convert.FromHexString(RfcPublic)));
        string base64 = Convert.ToBase64String(Convert.FromHexString(RfcSignature));
        Assert.True(RequestAuth.Verify(account, "", base64));
        Assert.False(RequestAuth.Verify(account, "x", base64));
    }

    [Fact]
    public async Task Ed25519_RequestSignedByBouncyCastle_IsAccepted_AndATamperedOneIsMinus1022()
    {
        var secret = new Ed25519PrivateKeyParameters(Convert.FromHexString(RfcSecret));
        string pem = BouncyPem(secret.GeneratePublicKey());
        string accounts = $$$"""{"accounts":[{"apiKey":"EDKEY","secretKey":"unused","ed25519PublicKey":{{{System.Text.Json.JsonSerializer.Serialize(pem)}}},"balances":{"USDT":"10000"}}]}""";
        await using var h = await TradingHarness.StartAsync(accountsJson: accounts);

        string query = $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000&timestamp={TapeClock.WallClockMs}";
        var signer = new Ed25519Signer();
        signer.Init(true, secret);
        byte[] data = Encoding.ASCII.GetBytes(query);
        signer.BlockUpdate(data, 0, data.Length);
        string signature = Uri.EscapeDataString(Convert.ToBase64String(signer.GenerateSignature()));

        using var ok = new HttpRequestMessage(HttpMethod.Post, $"/fapi/v1/order?{query}&signature={signature}");
        ok.Headers.Add("X-MBX-APIKEY", "EDKEY");
        using HttpResponseMessage accepted = await h.Http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var bad = new HttpRequestMessage(HttpMethod.Post, $"/fapi/v1/order?{query.Replace("0.010", "0.020", StringComparison.Ordinal)}&signature={signature}");
        bad.Headers.Add("X-MBX-APIKEY", "EDKEY");
        using HttpResponseMessage refused = await h.Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("-1022", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>SubjectPublicKeyInfo PEM of a raw Ed25519 key: the fixed 12-byte DER prefix (RFC 8410) then the key.</summary>
    internal static string PemOf(byte[] raw)
    {
        byte[] der = [.. Convert.FromHexString("302a300506032b6570032100"), .. raw];
        return "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String(der) + "\n-----END PUBLIC KEY-----\n";
    }

    private static string BouncyPem(Ed25519PublicKeyParameters key)
    {
        using var text = new StringWriter();
        var writer = new PemWriter(text);
        writer.WriteObject(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key));
        writer.Writer.Flush();
        return text.ToString();
    }

    private static SimAccount AccountWithPem(string pem) =>
        SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"K","secretKey":"S","ed25519PublicKey":{{{System.Text.Json.JsonSerializer.Serialize(pem)}}}}]}""").All[0];
}
