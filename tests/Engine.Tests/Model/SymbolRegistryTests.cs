using System.Text;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Model;

public class SymbolRegistryTests
{
    [Fact]
    public void Add_AssignsDenseIdsInOrder()
    {
        var registry = new SymbolRegistry(["BTCUSDT", "ETHUSDT", "SOLUSDT"]);

        Assert.Equal(3, registry.Count);
        Assert.True(registry.TryGet("BTCUSDT"u8, out SymbolId btc));
        Assert.True(registry.TryGet("ETHUSDT"u8, out SymbolId eth));
        Assert.True(registry.TryGet("SOLUSDT"u8, out SymbolId sol));
        Assert.Equal(0, btc.Value);
        Assert.Equal(1, eth.Value);
        Assert.Equal(2, sol.Value);
    }

    [Theory]
    [InlineData("btcusdt")]
    [InlineData("BTCUSDT")]
    [InlineData("BtcUsdt")]
    public void TryGet_AnyAsciiCase_FindsTheSameSymbol(string text)
    {
        var registry = new SymbolRegistry(["ETHUSDT", "btcusdt"]);

        Assert.True(registry.TryGet(Encoding.ASCII.GetBytes(text), out SymbolId fromBytes));
        Assert.True(registry.TryGet(text.AsSpan(), out SymbolId fromChars));
        Assert.Equal(new SymbolId(1), fromBytes);
        Assert.Equal(fromBytes, fromChars);
        Assert.Equal("BTCUSDT", registry.NameOf(fromBytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTCUSD")]
    [InlineData("BTCUSDTT")]
    [InlineData("XRPUSDT")]
    [InlineData("BTCUSDT_PERP_THIS_NAME_IS_MUCH_TOO_LONG_FOR_A_SYMBOL")]
    public void TryGet_Unknown_FailsWithNone(string text)
    {
        var registry = new SymbolRegistry(["BTCUSDT", "ETHUSDT"]);

        Assert.False(registry.TryGet(Encoding.ASCII.GetBytes(text), out SymbolId id));
        Assert.Equal(SymbolId.None, id);
    }

    [Fact]
    public void Add_SameSymbolInOtherCase_ReturnsExistingId()
    {
        var registry = new SymbolRegistry();
        SymbolId first = registry.Add("BTCUSDT");
        SymbolId again = registry.Add("btcusdt");

        Assert.Equal(first, again);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Add_ManySymbols_AllStillFoundAfterRehash()
    {
        var registry = new SymbolRegistry();
        for (int i = 0; i < 500; i++)
        {
            Assert.Equal(i, registry.Add($"SYM{i}USDT").Value);
        }

        for (int i = 0; i < 500; i++)
        {
            Assert.True(registry.TryGet(Encoding.ASCII.GetBytes($"sym{i}usdt"), out SymbolId id));
            Assert.Equal(i, id.Value);
        }
    }

    [Theory]
    [InlineData("BTC USDT")]
    [InlineData("BTC,USDT")]
    [InlineData("BTCÜSDT")]
    public void Add_NonPrintableOrSeparator_Throws(string symbol)
    {
        var registry = new SymbolRegistry();
        Assert.Throws<ArgumentException>(() => registry.Add(symbol));
    }

    [Fact]
    public void TryGet_FromBytes_AllocatesNothing()
    {
        var registry = new SymbolRegistry(["BTCUSDT", "ETHUSDT"]);
        byte[] lower = "ethusdt"u8.ToArray();
        byte[] unknown = "XRPUSDT"u8.ToArray();
        int found = 0;

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                found += registry.TryGet(lower, out _) ? 1 : 0;
                found += registry.TryGet(unknown, out _) ? 1 : 0;
            }
        });

        Assert.Equal(20_000, found);
    }
}
