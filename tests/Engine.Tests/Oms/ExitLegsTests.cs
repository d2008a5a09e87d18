using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

public class ExitLegsTests
{
    [Theory]
    // quantity, step, minQty → TP1, TP2, trailing (hand-computed from the rule in ExitLegs)
    [InlineData("0.009", "0.001", "0.001", "0.003", "0.003", "0.003")] // 9 lots: 3 / 3 / 3
    [InlineData("0.010", "0.001", "0.001", "0.003", "0.003", "0.004")] // 10 lots: the remainder trails the extra lot
    [InlineData("0.011", "0.001", "0.001", "0.003", "0.003", "0.005")] // 11 lots: 3 / 3 / 5
    [InlineData("0.003", "0.001", "0.001", "0.001", "0.001", "0.001")] // exactly three lots
    [InlineData("0.002", "0.001", "0.001", "0.001", "0.001", "0")]     // two lots: 50/50, nothing trails
    [InlineData("0.001", "0.001", "0.001", "0.001", "0", "0")]         // one lot: a single leg
    [InlineData("0.0095", "0.001", "0.001", "0.003", "0.003", "0.003")] // dust under a step stays with the stop
    [InlineData("0.005", "0.001", "0.002", "0.002", "0.003", "0")]     // 5 lots, min leg 2 lots: 5 < 6, so two legs 2 / 3
    [InlineData("0.003", "0.001", "0.002", "0.003", "0", "0")]         // 3 lots < 2 × 2: one leg
    [InlineData("7", "1", "1", "2", "2", "3")]
    public void Split_FollowsTheLotRule(string qty, string step, string min, string tp1, string tp2, string trail)
    {
        ExitLegs legs = ExitLegs.Split(Quantity.Parse(qty), Quantity.Parse(step), Quantity.Parse(min));
        Assert.Equal(Quantity.Parse(tp1), legs.TakeProfit1);
        Assert.Equal(Quantity.Parse(tp2), legs.TakeProfit2);
        Assert.Equal(Quantity.Parse(trail), legs.Trailing);
    }

    [Fact]
    public void Split_LegsAlwaysAddUpToTheFlooredQuantity()
    {
        Quantity step = Quantity.Parse("0.001");
        for (long lots = 1; lots <= 500; lots++)
        {
            ExitLegs legs = ExitLegs.Split(new Quantity(lots * step.E8), step, step);
            Assert.Equal(lots * step.E8, legs.TakeProfit1.E8 + legs.TakeProfit2.E8 + legs.Trailing.E8);
            Assert.Equal(lots >= 3 ? 3 : (int)lots, legs.Count);
            Assert.True(legs.Trailing >= legs.TakeProfit2 || legs.Trailing.IsZero);
        }
    }
}
