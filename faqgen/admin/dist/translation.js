import{a,b,c}from"./chunks/chunk-7XPA6EP7.js";export{b as confirmedValue,a as fingerprint,c as translationStatus};
