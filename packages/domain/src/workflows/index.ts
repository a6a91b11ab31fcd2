export { industrialDesign } from "./industrialDesign.js";
export { patent, utilityModel } from "./patent.js";
export { trademark } from "./trademark.js";
