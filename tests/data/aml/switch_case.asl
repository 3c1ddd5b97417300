// name: Switch/Case/Default (iasl makes a While, an If chain and a Name _T_0)
// expect: Package(4) {"one", "two or three", "two or three", "other"}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (SWNM, 1, Serialized)
    {
        Switch (ToInteger (Arg0)) {
            Case (1) {
                Return ("one")
            }
            Case (Package () { 2, 3 }) {
                Return ("two or three")
            }
            Default {
                Return ("other")
            }
        }
        Return ("not reached")
    }
    Method (MAIN, 0)
    {
        Local7 = Package (4) {}
        Local7[0] = SWNM (1)
        Local7[1] = SWNM (2)
        Local7[2] = SWNM (3)
        Local7[3] = SWNM (4)
        Return (Local7)
    }
}
