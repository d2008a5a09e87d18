using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>Binance's <c>X</c> text (futures @trade) to <see cref="TradeType"/>; unknown text is <see cref="TradeType.Other"/>, kept out of bars.</summary>
public static class TradeTypeText
{
    public static TradeType Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual("MARKET"u8))
        {
            return TradeType.Market;
        }

        if (utf8.SequenceEqual("INSURANCE_FUND"u8))
        {
            return TradeType.InsuranceFund;
        }

        return utf8.SequenceEqual("ADL"u8) ? TradeType.Adl : TradeType.Other;
    }
}
