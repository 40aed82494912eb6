import{a,b,c,d,e,f,g}from"./chunks/chunk-642V3EN4.js";export{a as InPlaceError,f as blockValue,g as inlineValue,c as isEmpty,b as read,d as setTexts,e as write};
