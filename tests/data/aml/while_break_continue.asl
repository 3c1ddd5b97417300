// name: While with Continue and Break: sum of odd numbers below 20, skipping 11, stopping at 17
// expect: 0x35
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local1 = 0
        While (Local0 < 20) {
            Local0++
            If ((Local0 % 2) == 0) {
                Continue
            }
            If (Local0 == 11) {
                Continue
            }
            If (Local0 == 17) {
                Break
            }
            Local1 += Local0
        }
        // 1 + 3 + 5 + 7 + 9 + 13 + 15 = 53
        Return (Local1)
    }
}
