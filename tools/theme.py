"""A minimal DrawingML theme part: Word expects one in every document (fonts and colours of the
"theme" that GB/T 9704 documents do not use; every run names its fonts explicitly)."""

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _fill(n: int) -> str:
    return "".join('<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' for _ in range(n))


COLOURS = (("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "1F497D"), ("lt2", "EEECE1"), ("accent1", "4F81BD"),
           ("accent2", "C0504D"), ("accent3", "9BBB59"), ("accent4", "8064A2"), ("accent5", "4BACC6"),
           ("accent6", "F79646"), ("hlink", "0000FF"), ("folHlink", "800080"))

THEME = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<a:theme xmlns:a="{A}" name="yzdocs"><a:themeElements>'
    '<a:clrScheme name="yzdocs">'
    + "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in COLOURS)
    + '</a:clrScheme>'
    '<a:fontScheme name="yzdocs">'
    '<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/><a:cs typeface=""/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/><a:cs typeface=""/></a:minorFont>'
    '</a:fontScheme>'
    '<a:fmtScheme name="yzdocs">'
    f'<a:fillStyleLst>{_fill(3)}</a:fillStyleLst>'
    '<a:lnStyleLst>' + "".join(f'<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
                               for w in (9525, 25400, 38100)) + '</a:lnStyleLst>'
    '<a:effectStyleLst>' + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + '</a:effectStyleLst>'
    f'<a:bgFillStyleLst>{_fill(3)}</a:bgFillStyleLst>'
    '</a:fmtScheme></a:themeElements></a:theme>'
)
