using System.Text;
using Engine.Binance.Json;
using Engine.Model;

namespace Engine.Tests.Binance.Json;

/// <summary>Holds the parser (fast path first) to its general key-by-key path, which the other parser tests pin to the text.</summary>
public static class GeneralPathOracle
{
    // Both paths on the same bytes from the same (empty) slot: same answer, same slot afterwards.
    public static FrameParseResult AssertSame(ReadOnlySpan<byte> frame, SymbolRegistry symbols)
    {
        var parser = new TradeFrameParser(symbols);
        var viaParse = default(EngineEvent);
        var viaGeneral = default(EngineEvent);
        FrameParseResult parsed = parser.TryParse(frame, ref viaParse);
        FrameParseResult general = parser.ParseGeneral(frame, ref viaGeneral);

        if (parsed != general || !viaParse.Equals(viaGeneral))
        {
            Assert.Fail($"{parsed} (slot {viaParse.Kind}) but the general path gives {general} (slot {viaGeneral.Kind}) for {Encoding.UTF8.GetString(frame)}");
        }

        return parsed;
    }
}
