using System.Text;
using System.Text.Json;

namespace Engine.Sim.Trading;

/// <summary>A Binance error answer: the HTTP status REST sends it with, and the <c>{"code":…,"msg":…}</c> body.</summary>
public sealed record SimError(int HttpStatus, int Code, string Message)
{
    /// <summary>The body Binance sends: <c>{"code":-1022,"msg":"Signature for this request is not valid."}</c>.</summary>
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(96);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("code", Code);
            w.WriteString("msg", Message);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToJson());

    public static SimError BadRequest(int code, string message) => new(400, code, message);

    // The messages Binance sends with each code (USD-M error-code page).
    public static readonly SimError UnknownKey = new(401, -2015, "Invalid API-key, IP, or permissions for action.");
    public static readonly SimError KeyFormat = new(401, -2014, "API-key format invalid.");
    public static readonly SimError BadSignature = BadRequest(-1022, "Signature for this request is not valid.");
    public static readonly SimError OutsideRecvWindow = BadRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
    public static readonly SimError AheadOfServer = BadRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    public static readonly SimError BadRecvWindow = BadRequest(-1131, "recvWindow must be less than 60000");

    public static SimError Mandatory(string name) => BadRequest(-1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    public static SimError IllegalValue(string name) => BadRequest(-1130, $"Data sent for parameter '{name}' is not valid.");
}

/// <summary>What a desk operation answers: a JSON result (object or array, UTF-8) or a Binance error.</summary>
public readonly struct DeskResult
{
    private DeskResult(byte[]? json, SimError? error)
    {
        Json = json;
        Error = error;
    }

    public byte[]? Json { get; }

    public SimError? Error { get; }

    public bool IsError => Error is not null;

    public static DeskResult Ok(byte[] json) => new(json, null);

    public static DeskResult Fail(SimError error) => new(null, error);

    public static implicit operator DeskResult(SimError error) => Fail(error);

    /// <summary>The body to send: the result, or the error's <c>{"code","msg"}</c>.</summary>
    public byte[] Body => Json ?? Error!.ToJson();

    public override string ToString() => Encoding.UTF8.GetString(Body);
}
