using System.Buffers.Text;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>Reads a client order id's text: ours (<c>{prefix}-{n}</c>), the venue's special ids, or someone else's.</summary>
internal static class ClientIdText
{
    /// <param name="prefix">The engine's prefix with its dash, as ASCII (<c>eng-</c>).</param>
    public static ClientOrderId Classify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix, out OrderOrigin origin)
    {
        if (text.StartsWith(prefix) && Utf8Parser.TryParse(text[prefix.Length..], out long n, out int used) && used == text.Length - prefix.Length && n > 0)
        {
            origin = OrderOrigin.Engine;
            return new ClientOrderId(n);
        }

        origin = text.StartsWith("autoclose-"u8) ? OrderOrigin.Liquidation
            : text.StartsWith("adl_autoclose"u8) ? OrderOrigin.Adl
            : text.StartsWith("settlement_autoclose"u8) ? OrderOrigin.Settlement
            : OrderOrigin.Manual;
        return ClientOrderId.None;
    }

    /// <summary>The cold-side form of <see cref="Classify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, out OrderOrigin)"/>.</summary>
    public static ClientOrderId Classify(string? text, string prefix, out OrderOrigin origin) =>
        Classify(System.Text.Encoding.ASCII.GetBytes(text ?? ""), System.Text.Encoding.ASCII.GetBytes(prefix + "-"), out origin);
}
